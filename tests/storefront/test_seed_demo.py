"""`manage.py seed_demo`: idempotent demo store, both logins printed, every app's demo module run, and a demo
buyer who signs in and finds their orders and downloads."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalog.digital.models import Ownership, Version
from catalog.models import Category, Product
from catalog.passports.models import ProductPassport
from catalog.reviews.models import Review
from media_library.models import Media
from orders.models import Cart, Order
from shopplatform.accounts.demo import BUYER_PASSWORD, BUYER_USERNAME
from shopplatform.accounts.models import Address, Customer
from shopplatform.store.models import MenuItem, PaymentMethod, PickupLocation, Store
from wallet.models import LedgerEntry, Transfer
from webhooks.models import Event

from .demo_app import demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_files(settings, tmp_path):
    """Keep the demo's image and version files out of the project's var/ directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }


@pytest.fixture
def buyer_client(client):
    seed()
    assert client.login(username=BUYER_USERNAME, password=BUYER_PASSWORD)
    return client


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [
        *(get_user_model(), Store, PaymentMethod, PickupLocation, MenuItem, Customer, Address, Event),
        *(Category, Product, Media, ProductPassport, Version, Ownership, Review),
        *(Cart, Order, LedgerEntry, Transfer),
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_creates_a_staff_admin_and_prints_the_login():
    output = seed()

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password("admin")
    assert "admin / admin" in output


def test_seed_demo_prints_the_buyer_login_that_works(client):
    output = seed()

    assert f"{BUYER_USERNAME} / {BUYER_PASSWORD}" in output
    assert client.login(username=BUYER_USERNAME, password=BUYER_PASSWORD)


def test_demo_buyer_sees_their_orders_on_the_account_page(buyer_client):
    numbers = Order.objects.filter(customer__user__username=BUYER_USERNAME).values_list("number", flat=True)

    page = buyer_client.get("/account/orders/").content.decode()

    assert len(numbers) == 3
    assert all(f"Order #{number}</a>" in page for number in numbers)


def test_demo_buyer_finds_the_bought_pattern_and_the_claimed_guide_among_downloads(buyer_client):
    page = buyer_client.get("/account/downloads/").content.decode()

    assert "Knitted Throw Pattern" in page
    assert "Ceramics Care Guide" in page


def test_demo_buyer_downloads_the_latest_pattern_version(buyer_client):
    version = Version.objects.get(product__slug="knitted-throw-pattern", version_tag="1.2.0")

    response = buyer_client.get(f"/account/downloads/knitted-throw-pattern/{version.public_id}", follow=True)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_demo_buyer_has_a_paid_wallet_order_a_delivered_order_and_one_awaiting_payment(buyer_client):
    orders = Order.objects.filter(customer__user__username=BUYER_USERNAME)

    assert sorted(orders.values_list("payment_method", "status", "paid")) == [
        ("bank_transfer", "delivered", True),
        ("bank_transfer", "waiting_payment", False),
        ("wallet", "processing", True),
    ]


def test_demo_buyer_wallet_shows_the_credit_and_the_purchase(buyer_client):
    kinds = LedgerEntry.objects.filter(wallet__customer__user__username=BUYER_USERNAME).values_list("kind", flat=True)

    page = buyer_client.get("/account/wallet/").content.decode()

    assert sorted(kinds) == ["adjustment", "purchase"]
    assert "Demo welcome credit" in page


def test_demo_buyer_has_reviewed_what_they_bought(buyer_client):
    reviews = Review.objects.filter(customer__user__username=BUYER_USERNAME)

    assert sorted(reviews.values_list("product__slug", flat=True)) == ["ceramic-vase", "knitted-throw-pattern"]


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
