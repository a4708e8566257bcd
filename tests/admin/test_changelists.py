"""Every admin list renders whatever its rows hold: failing and disabled endpoints, HTML in titles, empty values."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CategoryFactory,
    CustomerFactory,
    ProductFactory,
    ReviewFactory,
    WebhookEndpointFactory,
)

pytestmark = pytest.mark.django_db

# The store settings list redirects to its one page.
LISTS = sorted(
    f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    for model in admin.site._registry
    if model._meta.model_name != "store"
)


@pytest.fixture
def odd_rows():
    now = timezone.now()
    WebhookEndpointFactory(failing_since=now - timedelta(hours=3))
    WebhookEndpointFactory(active=False, disabled_at=now, failing_since=now, disabled_reason="<b>500</b> {0:%Y}")
    ProductFactory(title="<script>alert(1)</script> {0}", price_cents=0, stock_enabled=True)
    loop_a = CategoryFactory()
    loop_b = CategoryFactory(parent=loop_a)
    loop_a.parent = loop_b
    loop_a.save()
    CustomerFactory(name="", email="odd@example.com")
    ReviewFactory(body="")


@pytest.mark.parametrize("url_name", LISTS)
def test_changelist_renders_odd_rows(admin_browser, odd_rows, url_name):
    response = admin_browser.get(reverse(url_name))

    assert response.status_code == 200


def test_failing_endpoint_list_says_since_when(admin_browser):
    WebhookEndpointFactory(failing_since=timezone.now().replace(year=2026, month=11, day=30, hour=8, minute=5))

    response = admin_browser.get(reverse("admin:webhooks_webhookendpoint_changelist"))

    assert "Failing since 2026-11-30 08:05" in response.content.decode()
