"""Catalog services: variant matrix, stock claims, slugs."""

import pytest
from django.db import transaction

from catalog import services
from catalog.exceptions import InvalidOptions, OutOfStock, StockNotEnabled, TooManyOptionGroups
from catalog.models import Product, Variant
from catalog.services import StockLine
from shopplatform.errors import InvalidInput
from webhooks.models import Event

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def values(*titles: str) -> list[dict]:
    return [{"title": title} for title in titles]


def variant_titles(product: Product) -> list[str]:
    return list(product.variants.order_by("position").values_list("title", flat=True))


def test_option_groups_span_every_combination():
    """Variants are the combinations of the groups' values."""
    product = ProductFactory()

    services.create_option_group(product=product, title="Size", options=values("S", "M"))
    services.create_option_group(product=product, title="Colour", options=values("Red", "Blue"))

    assert variant_titles(product) == ["S / Red", "S / Blue", "M / Red", "M / Blue"]


def test_adding_an_option_keeps_existing_variant_data():
    """Surviving combinations keep their data."""
    product = ProductFactory()
    group = services.create_option_group(product=product, title="Size", options=values("S", "M"))
    small = product.variants.get(title="S")
    Variant.objects.filter(pk=small.pk).update(price_cents=1500, sku="S-1")

    services.update_option_group(group=group, options=values("S", "M", "L"))

    small.refresh_from_db()
    assert (small.price_cents, small.sku) == (1500, "S-1")
    assert variant_titles(product) == ["S", "M", "L"]


def test_renaming_an_option_by_id_keeps_its_variant():
    product = ProductFactory()
    group = services.create_option_group(product=product, title="Size", options=values("S", "M"))
    small_option = group.options.get(title="S")
    small = product.variants.get(title="S")

    services.update_option_group(
        group=group, options=[{"id": small_option.public_id, "title": "Small"}, {"title": "M"}]
    )

    small.refresh_from_db()
    assert small.title == "Small"


def test_removing_an_option_removes_its_variants():
    product = ProductFactory()
    group = services.create_option_group(product=product, title="Size", options=values("S", "M"))

    services.update_option_group(group=group, options=values("M"))

    assert variant_titles(product) == ["M"]


def test_adding_a_group_carries_data_to_the_first_value():
    """A new dimension extends each variant with the group's first value, keeping its data."""
    product = ProductFactory()
    services.create_option_group(product=product, title="Size", options=values("S"))
    Variant.objects.filter(product=product).update(stock_quantity=7)

    services.create_option_group(product=product, title="Colour", options=values("Red", "Blue"))

    assert product.variants.get(title="S / Red").stock_quantity == 7
    assert product.variants.get(title="S / Blue").stock_quantity == 0


def test_deleting_a_group_keeps_the_first_variant_of_each_remaining_combination():
    product = ProductFactory()
    services.create_option_group(product=product, title="Size", options=values("S", "M"))
    colour = services.create_option_group(product=product, title="Colour", options=values("Red", "Blue"))
    Variant.objects.filter(product=product, title="M / Red").update(sku="M-RED")

    services.delete_option_group(group=colour)

    assert variant_titles(product) == ["S", "M"]
    assert product.variants.get(title="M").sku == "M-RED"


def test_regenerate_variants_is_idempotent():
    product = ProductFactory()
    services.create_option_group(product=product, title="Size", options=values("S", "M"))
    before = set(product.variants.values_list("pk", flat=True))

    services.regenerate_variants(product=product)

    assert set(product.variants.values_list("pk", flat=True)) == before


def test_fourth_option_group_is_refused():
    """At most three option groups."""
    product = ProductFactory()
    for title in ("A", "B", "C"):
        services.create_option_group(product=product, title=title, options=values("x"))

    with pytest.raises(TooManyOptionGroups):
        services.create_option_group(product=product, title="D", options=values("x"))


def test_duplicate_option_titles_are_refused():
    with pytest.raises(InvalidOptions):
        services.create_option_group(product=ProductFactory(), title="Size", options=values("S", "s"))


def test_claim_stock_takes_units():
    product = ProductFactory(stock_enabled=True, stock_quantity=5)

    services.claim_stock(items=[StockLine(product=product, quantity=2)])

    product.refresh_from_db()
    assert product.stock_quantity == 3


def test_claim_more_than_available_raises_out_of_stock_and_takes_nothing():
    first = ProductFactory(stock_enabled=True, stock_quantity=5)
    second = ProductFactory(stock_enabled=True, stock_quantity=1)

    with pytest.raises(OutOfStock) as raised, transaction.atomic():
        services.claim_stock(items=[StockLine(first, 2), StockLine(second, 2)])

    first.refresh_from_db()
    assert first.stock_quantity == 5
    assert raised.value.status == 409
    assert second.public_id in raised.value.detail


def test_backorder_allows_going_below_zero():
    product = ProductFactory(stock_enabled=True, stock_quantity=1, stock_backorder=True)

    services.claim_stock(items=[StockLine(product, 3)])

    product.refresh_from_db()
    assert product.stock_quantity == -2


def test_claim_ignores_products_without_stock_tracking():
    product = ProductFactory(stock_enabled=False, stock_quantity=0)

    services.claim_stock(items=[StockLine(product, 3)])

    product.refresh_from_db()
    assert product.stock_quantity == 0


def test_claim_variant_stock():
    product = ProductFactory(stock_enabled=True)
    services.create_option_group(product=product, title="Size", options=values("S"))
    variant = product.variants.get()
    Variant.objects.filter(pk=variant.pk).update(stock_quantity=1)

    with pytest.raises(OutOfStock), transaction.atomic():
        services.claim_stock(items=[StockLine(product, 2, variant)])
    services.claim_stock(items=[StockLine(product, 1, variant)])

    variant.refresh_from_db()
    assert variant.stock_quantity == 0


def test_sold_single_refuses_more_than_one_unit():
    product = ProductFactory(stock_enabled=True, stock_quantity=5, stock_sold_single=True)

    with pytest.raises(InvalidInput):
        services.claim_stock(items=[StockLine(product, 2)])


def test_crossing_the_notify_threshold_emits_low_stock_once():
    """Stock at or below stock_notify emits product.low_stock."""
    product = ProductFactory(stock_enabled=True, stock_quantity=5, stock_notify=3)

    services.claim_stock(items=[StockLine(product, 2)])
    services.claim_stock(items=[StockLine(product, 1)])

    events = Event.objects.filter(type="product.low_stock")
    assert events.count() == 1
    assert events.get().data["object"]["stock_quantity"] == 3


def test_release_stock_gives_units_back():
    product = ProductFactory(stock_enabled=True, stock_quantity=1)

    services.release_stock(items=[StockLine(product, 2)])

    product.refresh_from_db()
    assert product.stock_quantity == 3


def test_stock_settings_need_stock_enabled():
    """Stock_qty requires stock enabled."""
    with pytest.raises(StockNotEnabled):
        services.create_product(title="Cup", price_cents=1, stock_quantity=3)


def test_slug_numbering_continues_after_existing_suffixes():
    ProductFactory(slug="cup")
    ProductFactory(slug="cup-2")

    product = services.create_product(title="Cup", price_cents=1)

    assert product.slug == "cup-3"


def test_delete_category_moves_children_up():
    root = services.create_category(title="Home")
    middle = services.create_category(title="Kitchen", parent=root.public_id)
    leaf = services.create_category(title="Cups", parent=middle.public_id)

    services.delete_category(category=middle)

    leaf.refresh_from_db()
    assert leaf.parent_id == root.pk
