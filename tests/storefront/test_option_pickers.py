"""The product page's option pickers without script: one radio group per option group (swatches for a colour),
the server resolving the variant from the chosen options, and sold-out or unavailable combinations marked."""

import re

import pytest

from catalog import services
from catalog.models import ProductStatus
from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def duvet(kitchen):
    """Size x Colour; the product is marked out of stock (its own count is 0) while its variants have units."""
    product = ProductFactory(
        title="Linen Duvet Cover",
        slug="linen-duvet-cover",
        price_cents=8900,
        stock_enabled=True,
        stock_show=True,
        stock_quantity=0,
        status=ProductStatus.OUT_OF_STOCK,
        categories=[kitchen],
    )
    services.create_option_group(product=product, title="Size", options=[{"title": t} for t in ("Single", "King")])
    services.create_option_group(product=product, title="Colour", options=[{"title": t} for t in ("White", "Oat")])
    variants = {variant.title: variant for variant in product.variants.all()}
    units = {"Single / White": 5, "Single / Oat": 6, "King / White": 0, "King / Oat": 7}
    for title, quantity in units.items():
        services.update_variant(variant=variants[title], stock_quantity=quantity)
    return product, {title: variant for title, variant in variants.items()}


def option_ids(product) -> dict[str, tuple[str, str]]:
    """Option title -> (group public id, option public id)."""
    return {
        option.title: (group.public_id, option.public_id)
        for group in product.option_groups.all()
        for option in group.options.all()
    }


def label_of(page: str, option_id: str) -> str:
    return re.search(rf'<label for="opt-{option_id}"[^>]*>.*?</label>', page, re.S).group(0)


def test_each_option_group_gets_its_own_radio_group(client, duvet):
    product, _ = duvet

    page = client.get("/product/linen-duvet-cover").content.decode()

    assert page.count('<fieldset class="option-group') == 2
    assert "<legend>Size" in page and "<legend>Colour" in page
    assert 'id="variant-select"' not in page
    for group_id, option_id in option_ids(product).values():
        assert f'name="{group_id}" value="{option_id}"' in page


def test_a_colour_group_shows_swatches_and_a_size_group_plain_buttons(client, duvet):
    product, _ = duvet
    options = option_ids(product)

    page = client.get("/product/linen-duvet-cover").content.decode()

    assert "--swatch: #d8c8a8" in label_of(page, options["Oat"][1])
    assert 'class="swatch"' not in label_of(page, options["King"][1])
    assert "Oat" in label_of(page, options["Oat"][1])  # the swatch is decorative: the name is always written


def test_chosen_options_without_script_pick_their_variant(client, duvet):
    product, variants = duvet
    options = option_ids(product)
    size, king = options["King"]
    colour, oat = options["Oat"]

    page = client.get("/product/linen-duvet-cover", {size: king, colour: oat}).content.decode()

    assert f'id="variant-input" value="{variants["King / Oat"].public_id}"' in page
    assert f'value="{king}" id="opt-{king}" checked' in page
    assert f'value="{oat}" id="opt-{oat}" checked' in page
    assert "7 in stock" in page


def test_a_partial_choice_falls_back_to_an_orderable_variant_sharing_it(client, duvet):
    product, variants = duvet
    size, king = option_ids(product)["King"]

    page = client.get("/product/linen-duvet-cover", {size: king}).content.decode()

    assert f'id="variant-input" value="{variants["King / Oat"].public_id}"' in page  # King / White is sold out


def test_variants_with_units_are_orderable_although_the_product_is_marked_out_of_stock(client, duvet):
    page = client.get("/product/linen-duvet-cover").content.decode()

    assert re.search(r'id="add-button"\s*>', page)  # not disabled
    assert 'id="stock-label">5 in stock' in page


def test_the_sold_out_combination_is_marked_next_to_the_current_choice(client, duvet):
    product, variants = duvet
    options = option_ids(product)

    page = client.get("/product/linen-duvet-cover", {"variant": variants["Single / White"].public_id}).content.decode()

    assert "is-sold-out" in label_of(page, options["King"][1])  # King with White has no units
    assert "sold out" in label_of(page, options["King"][1])
    assert "is-sold-out" not in label_of(page, options["Oat"][1])


def test_a_sold_out_choice_shows_out_of_stock_and_disables_add_to_cart(client, duvet):
    _, variants = duvet

    page = client.get("/product/linen-duvet-cover", {"variant": variants["King / White"].public_id}).content.decode()

    assert 'id="stock-label">Out of stock' in page
    assert re.search(r'id="add-button"\s+disabled', page)
    assert 'id="stock-alert"' in page


def test_a_combination_without_an_active_variant_is_disabled(client, duvet):
    product, variants = duvet
    services.update_variant(variant=variants["King / Oat"], active=False)
    king = option_ids(product)["King"][1]

    page = client.get("/product/linen-duvet-cover", {"variant": variants["Single / Oat"].public_id}).content.decode()

    assert re.search(rf'value="{king}" id="opt-{king}"\s+disabled', page)
    assert "unavailable" in label_of(page, king)


def test_the_chosen_variants_own_image_leads_the_gallery(client, duvet):
    _, variants = duvet
    services.update_variant(variant=variants["Single / Oat"], image_url="https://cdn.example.com/oat.jpg")

    page = client.get("/product/linen-duvet-cover", {"variant": variants["Single / Oat"].public_id}).content.decode()

    assert 'id="gallery-main" src="https://cdn.example.com/oat.jpg"' in page


def test_picker_data_lets_the_script_resolve_every_variant(client, duvet):
    _, variants = duvet

    response = client.get("/product/linen-duvet-cover")
    data = response.context["picker_data"]

    assert len(data["groups"]) == 2
    by_id = {item["id"]: item for item in data["variants"]}
    king_white = by_id[variants["King / White"].public_id]
    assert (king_white["orderable"], king_white["stock"], king_white["price"]) == (False, "Out of stock", "89,00\xa0€")
    assert '<script id="picker-data" type="application/json">' in response.content.decode()


def test_listing_card_of_a_product_marked_out_of_stock_with_variant_units_is_not_sold_out(client, duvet):
    page = client.get("/category/kitchen").content.decode()

    assert "Linen Duvet Cover" in page
    assert "Out of stock" not in page
