"""Order lines keep the product's page URL, short description, image and VAT rate choice as sold; products count
units ordered in `sales`; addresses name Portuguese and Spanish regions (seed 003 "Portugal - Continental")."""

import pycountry
import pytest

from catalog.services import update_product
from orders.services import create_cart
from shopplatform.countries import REGIONS, address_country_name
from tests.catalog.factories import ProductImageFactory, VariantFactory

from .conftest import DELIVERY

pytestmark = pytest.mark.django_db


def checkout(client, cart):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "wallet"}, format="json")


@pytest.fixture
def sold(customer_client, buyer, make_cart, product, courier, fund):
    """The order body of a wallet checkout of 2 units of `product`, which has an excerpt and an image."""
    update_product(product=product, excerpt="Hand-thrown stoneware bowl.", reduced_rate="intermediate")
    ProductImageFactory(product=product, external_url="https://cdn.example.com/bowl.jpg")
    fund(buyer, 10_000)
    return checkout(customer_client, make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)).json()


def test_checkout_snapshots_url_description_image_and_rate(sold, product):
    line = sold["lines"][0]

    assert line["url"].endswith(f"/product/{product.slug}")
    assert line["description_short"] == "Hand-thrown stoneware bowl."
    assert line["image"] == dict.fromkeys(("thumb", "square", "full"), "https://cdn.example.com/bowl.jpg")
    assert (line["reduced_rate"], line["tax_rate_bp"]) == ("intermediate", 1300)


def test_snapshots_survive_a_product_edit(sold, product, staff_client, customer_client):
    staff_client.patch(
        f"/api/v1/products/{product.public_id}",
        {"slug": "renamed", "excerpt": "Changed.", "images": ["https://cdn.example.com/other.jpg"]},
        format="json",
    )

    line = customer_client.get(f"/api/v1/orders/{sold['id']}").json()["lines"][0]

    assert line["url"].endswith(f"/product/{product.slug}")
    assert line["description_short"] == "Hand-thrown stoneware bowl."
    assert line["image"]["full"] == "https://cdn.example.com/bowl.jpg"


def test_variant_line_links_the_product_page_with_the_option(customer_client, buyer, store, courier, fund):
    variant = VariantFactory(product__price_cents=1000)
    fund(buyer, 10_000)
    cart = create_cart(
        customer=buyer,
        lines=[{"product": variant.product.public_id, "variant": variant.public_id, "quantity": 1}],
        delivery_address=DELIVERY,
        shipping_method=courier.public_id,
    )

    line = checkout(customer_client, cart).json()["lines"][0]

    assert line["url"].endswith(f"/product/{variant.product.slug}?option={variant.public_id}")


def test_checkout_counts_units_into_the_product_sales(sold, staff_client, product):
    assert staff_client.get(f"/api/v1/products/{product.public_id}").json()["sales"] == 2


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ({"country_code": "PRT", "zip_code": "6000-767"}, "Portugal - Continental"),
        ({"country_code": "PRT", "zip_code": "9000-018"}, "Portugal - Madeira"),
        ({"country_code": "PRT", "zip_code": "9400-100"}, "Portugal - Madeira"),
        ({"country_code": "PRT", "zip_code": "9500-150"}, "Portugal - Azores"),
        ({"country_code": "PRT", "region": "PT-20", "zip_code": ""}, "Portugal - Azores"),
        ({"country_code": "PRT", "region": "Região Autónoma da Madeira"}, "Portugal - Madeira"),
        ({"country_code": "ESP", "zip_code": "38001"}, "Spain - Canarias"),
        ({"country_code": "ESP", "zip_code": "28001"}, "Spain - Peninsular"),
        ({"country_code": "DEU", "zip_code": "10115"}, "Germany"),
    ],
)
def test_address_country_name_is_region_level_where_regions_are_taxed_apart(address, name):
    assert address_country_name(address) == name


def test_every_listed_region_is_an_iso_3166_2_subdivision_of_its_country():
    for country, regions in REGIONS.items():
        alpha2 = pycountry.countries.get(alpha_3=country).alpha_2
        for region in regions[1:]:
            subdivision = pycountry.subdivisions.get(code=region.subdivision)
            assert subdivision is not None and subdivision.country_code == alpha2, region


def test_order_addresses_carry_the_region_level_name(sold):
    assert sold["client"]["delivery"]["country"] == "Portugal - Continental"
