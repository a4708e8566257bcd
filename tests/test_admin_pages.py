"""Every model registered in the back-office renders its list, add and change pages."""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def merchant_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "root-pass-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize(("model", "model_admin"), MODELS, ids=[model._meta.label for model, _ in MODELS])
def test_changelist_and_add_pages_render(merchant_client, model, model_admin):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"

    listing = merchant_client.get(reverse(f"{prefix}_changelist"), follow=True)
    adding = merchant_client.get(reverse(f"{prefix}_add"))

    assert listing.status_code == 200
    assert adding.status_code in (200, 403)


def test_change_pages_of_demo_rows_render(merchant_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    failures = []

    for model, _ in MODELS:
        row = model._default_manager.first()
        if row is None:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk])
        status = merchant_client.get(url).status_code
        if status != 200:
            failures.append((model._meta.label, status))

    assert failures == []
