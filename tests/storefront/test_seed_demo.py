"""`manage.py seed_demo`: idempotent demo store, admin/admin printed, every app's demo module run."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from shopplatform.accounts.models import Address, Customer
from shopplatform.store.models import MenuItem, PaymentMethod, PickupLocation, Store
from webhooks.models import Event

from .demo_app import demo

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [get_user_model(), Store, PaymentMethod, PickupLocation, MenuItem, Customer, Address, Event]
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_creates_a_staff_admin_and_prints_the_login():
    output = seed()

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password("admin")
    assert "admin / admin" in output


def test_seed_demo_creates_a_usable_store():
    seed()

    store = Store.load()
    assert store.currency == "EUR"
    assert PaymentMethod.objects.filter(is_default=True, active=True).count() == 1
    assert PickupLocation.objects.count() == 1
    assert set(MenuItem.objects.values_list("menu", flat=True)) == {"primary", "secondary"}
    assert Customer.objects.filter(addresses__isnull=False).distinct().count() == Customer.objects.count() > 0


def test_seed_demo_twice_creates_no_duplicates():
    seed()
    first = row_counts()

    seed()

    assert row_counts() == first


def test_seed_demo_keeps_settings_the_merchant_changed():
    seed()
    store = Store.load()
    store.name = "My real shop"
    store.save()

    seed()

    assert Store.load().name == "My real shop"


def test_seed_demo_runs_the_demo_module_of_every_installed_app(settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.storefront.demo_app"]
    demo.CALLS.clear()

    output = seed()

    assert len(demo.CALLS) == 1
    assert "demo_app: seeded" in output
