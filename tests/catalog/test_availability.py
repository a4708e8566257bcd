"""The one stock-status rule (catalog.availability) and the places that must all follow it: the API, the cart and
the back-in-stock alerts (the store pages and the admin column are in tests/storefront and tests/admin)."""

import pytest

from catalog.availability import availability
from catalog.models import Product, ProductStatus, Variant
from catalog.restocks import PRODUCT, sellable_items
from orders.exceptions import ProductNotOrderable
from orders.services.carts import add_cart_line, create_cart

from .factories import ProductFactory, VariantFactory


def product(**fields) -> Product:
    values = {"status": ProductStatus.ACTIVE, "stock_enabled": True, "stock_show": True, "stock_quantity": 10}
    return Product(**(values | fields))


def test_tracked_units_decide_even_when_the_status_says_out_of_stock():
    shown = availability(product(status=ProductStatus.OUT_OF_STOCK, stock_quantity=12))

    assert (shown.can_buy, shown.label, shown.level) == (True, "12 in stock", "in")


def test_variants_with_units_of_a_product_marked_out_of_stock_can_be_bought():
    marked = product(status=ProductStatus.OUT_OF_STOCK, stock_quantity=0)
    variants = [Variant(stock_quantity=4, active=True), Variant(stock_quantity=6, active=True)]

    assert availability(marked, variants[0], variants).label == "4 in stock"
    assert availability(marked, None, variants).label == "10 in stock"


def test_the_status_decides_when_stock_is_not_tracked():
    shown = availability(product(status=ProductStatus.OUT_OF_STOCK, stock_enabled=False))

    assert (shown.can_buy, shown.label, shown.level) == (False, "Out of stock", "out")


def test_coming_soon_is_never_orderable_whatever_the_units():
    shown = availability(product(status=ProductStatus.SOON, stock_quantity=50))

    assert (shown.can_buy, shown.label, shown.level) == (False, "Coming soon", "soon")


@pytest.mark.parametrize(("variant_units", "expected"), [(None, "Only 2 left"), (2, "Only 2 left")])
def test_low_stock_reads_only_n_left_per_product_and_per_variant(variant_units, expected):
    item = product(stock_quantity=2)
    variant = Variant(stock_quantity=variant_units, active=True) if variant_units is not None else None

    assert availability(item, variant, [variant] if variant else []).label == expected


def test_the_products_own_threshold_sets_when_stock_is_low():
    assert availability(product(stock_quantity=5, stock_notify=5)).label == "Only 5 left"
    assert availability(product(stock_quantity=5)).label == "5 in stock"


def test_units_stay_unnamed_when_the_product_hides_them_except_for_the_admin():
    hidden = product(stock_quantity=2, stock_show=False)

    assert availability(hidden).label == "In stock"
    assert availability(hidden, show_units=True).label == "Only 2 left"


def test_no_units_with_backorders_is_available_to_order():
    shown = availability(product(stock_quantity=0, stock_backorder=True))

    assert (shown.can_buy, shown.label) == (True, "Available to order")


def test_a_deactivated_variant_is_out_of_stock():
    variant = Variant(stock_quantity=9, active=False)

    assert availability(product(), variant, [variant]).label == "Out of stock"


@pytest.mark.django_db
def test_api_gives_the_same_availability_for_the_product_and_each_variant(anonymous_client):
    marked = ProductFactory(status=ProductStatus.OUT_OF_STOCK, stock_enabled=True, stock_show=True)
    VariantFactory(product=marked, stock_quantity=2)
    VariantFactory(product=marked, stock_quantity=0)

    body = anonymous_client.get(f"/api/v1/products/{marked.public_id}").json()

    assert body["availability"] == {"orderable": True, "label": "Only 2 left", "level": "low"}
    assert [variant["availability"]["label"] for variant in body["variants"]] == ["Only 2 left", "Out of stock"]


@pytest.mark.django_db
def test_cart_takes_units_of_a_product_marked_out_of_stock():
    marked = ProductFactory(status=ProductStatus.OUT_OF_STOCK, stock_enabled=True, stock_quantity=3)

    line = add_cart_line(cart=create_cart(session_key="buyer-session"), product=marked.public_id, quantity=2)

    assert line.quantity == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [{"status": ProductStatus.SOON, "stock_enabled": True, "stock_quantity": 5}, {"status": "out_of_stock"}],
    ids=["coming-soon", "untracked-out-of-stock"],
)
def test_cart_refuses_what_the_store_shows_as_not_orderable(fields):
    refused = ProductFactory(title="Lamp", **fields)

    with pytest.raises(ProductNotOrderable, match="Lamp is"):
        add_cart_line(cart=create_cart(session_key="buyer-session"), product=refused.public_id)


@pytest.mark.django_db
def test_back_in_stock_alerts_count_units_of_a_product_marked_out_of_stock_as_sellable():
    marked = ProductFactory(status=ProductStatus.OUT_OF_STOCK, stock_enabled=True, stock_quantity=3)
    untracked = ProductFactory(status=ProductStatus.OUT_OF_STOCK, stock_enabled=False)

    assert sellable_items(marked.pk) == frozenset({PRODUCT})
    assert sellable_items(untracked.pk) == frozenset()
