"""Store page fixtures: a pt_PT/EUR store with manual payment methods and menus, a small catalog, a shipping
method for Portugal, and a signed-in buyer client."""

import pytest
from django.test import Client

from shopplatform.accounts.services import ensure_customer
from shopplatform.store.models import MenuItem, PaymentMethod, Store
from tests.catalog.factories import BrandFactory, CategoryFactory, OptionFactory, ProductFactory, VariantFactory
from tests.orders.factories import ShippingMethodFactory

DELIVERY_POST = {
    "email": "guest@example.com",
    "name": "Ana Silva",
    "phone": "910000000",
    "address": "Rua Augusta 1",
    "city": "Lisboa",
    "zip_code": "1100-048",
    "country": "PRT",
    "billing_same": "on",
}


@pytest.fixture
def store(db):
    store = Store.load()
    store.name, store.currency, store.locale = "Parallax", "EUR", "pt_PT"
    store.notice = "Free shipping over 59 €"
    store.save()
    for method in ("bank_transfer", "on_delivery", "pick_up"):
        PaymentMethod.objects.create(
            store=store, method=method, title=method.replace("_", " ").title(), message="Pay to IBAN PT50 0000"
        )
    MenuItem.objects.create(store=store, menu="primary", text="About us", item="about")
    MenuItem.objects.create(store=store, menu="secondary", text="Terms", item="terms")
    return store


@pytest.fixture
def kitchen(store):
    home = CategoryFactory(title="Home", slug="home")
    return CategoryFactory(title="Kitchen", slug="kitchen", parent=home)


@pytest.fixture
def brand(store):
    return BrandFactory(title="Oak & Iron", slug="oak-and-iron")


@pytest.fixture
def teapot(kitchen, brand):
    return ProductFactory(
        title="Enamel Teapot",
        slug="enamel-teapot",
        price_cents=2990,
        brand=brand,
        categories=[kitchen],
        featured=True,
        stock_enabled=True,
        stock_quantity=8,
        stock_show=True,
    )


@pytest.fixture
def bowl(kitchen):
    return ProductFactory(
        title="Spice Bowl", slug="spice-bowl", price_cents=4073, promo_price_cents=3500, categories=[kitchen]
    )


@pytest.fixture
def tee(store):
    """A product in two sizes: S at the product price, L dearer and out of stock."""
    tee = ProductFactory(title="Cotton Tee", slug="cotton-tee", price_cents=2500, stock_enabled=True, stock_show=True)
    small = VariantFactory(
        product=tee, option_1=OptionFactory(group__product=tee, title="S"), title="S", stock_quantity=5
    )
    large = VariantFactory(
        product=tee,
        option_1=OptionFactory(group=small.option_1.group, title="L"),
        title="L",
        price_cents=2900,
        stock_quantity=0,
    )
    return tee, small, large


@pytest.fixture
def courier(store):
    return ShippingMethodFactory(title="Courier", price_cents=500, countries=["PRT"])


@pytest.fixture
def buyer(django_user_model, store):
    user = django_user_model.objects.create_user(
        username="rita@example.com", email="rita@example.com", password="rita-pass-123"
    )
    ensure_customer(user=user)
    return user


@pytest.fixture
def buyer_client(buyer):
    client = Client()
    client.force_login(buyer)
    return client


@pytest.fixture
def private_storage(settings, tmp_path):
    """The "digital" storage under a temporary directory (store pages that sell and serve downloads)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": "/downloads/"},
        },
    }
