"""Seed 003 product extras: custom fields, tabs, the attached file, the VAT rate choice, sales and
variants_same_values, through the API, the product page and the file route."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from catalog.models import Product
from catalog.services import update_product
from media_library.models import Media
from tests.media_library.factories import MediaFactory, pdf_bytes
from tests.orders.factories import OrderLineFactory

from .factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

CUSTOM_FIELDS = [{"name": "Material", "value": "Stoneware"}, {"name": "Made in", "value": "Portugal"}]
TABS = [{"title": "Care", "content": "<p>Hand wash.</p><script>alert(1)</script>"}]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def manual():
    """A processed PDF in the media library, its bytes stored."""
    media = MediaFactory(
        kind=Media.Kind.FILE,
        mime_type="application/pdf",
        extension=".pdf",
        original_name="manual.pdf",
        thumb="",
        square="",
        full="",
    )
    media.original.name = default_storage.save(f"media/originals/{media.public_id}.pdf", ContentFile(pdf_bytes()))
    media.save(update_fields=["original"])
    return media


def create(client, **fields):
    return client.post("/api/v1/products", {"title": "Bowl", "price_cents": 1000, **fields}, format="json")


def test_custom_fields_and_tabs_round_trip_in_order_with_tab_html_sanitized(staff_client, anonymous_client):
    response = create(staff_client, custom_fields=CUSTOM_FIELDS, tabs=TABS)

    assert response.status_code == 201
    body = anonymous_client.get(f"/api/v1/products/{response.json()['slug']}").json()
    assert body["custom_fields"] == CUSTOM_FIELDS
    assert body["tabs"] == [{"title": "Care", "content": "<p>Hand wash.</p>"}]


def test_product_without_extras_renders_empty_lists_null_file_and_zero_sales(staff_client):
    body = create(staff_client).json()

    assert (body["custom_fields"], body["tabs"], body["file"], body["reduced_rate"]) == ([], [], None, None)
    assert (body["sales"], body["variants_same_values"], body["file_access"]) == (0, True, "public")


def test_null_clears_custom_fields_and_tabs(staff_client):
    product_id = create(staff_client, custom_fields=CUSTOM_FIELDS, tabs=TABS).json()["id"]

    response = staff_client.patch(
        f"/api/v1/products/{product_id}", {"custom_fields": None, "tabs": None}, format="json"
    )

    assert (response.json()["custom_fields"], response.json()["tabs"]) == ([], [])


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"custom_fields": [{"name": " ", "value": "x"}]}, "custom_fields.0.name"),
        ({"custom_fields": [{"name": "Material"}]}, "custom_fields"),
        ({"custom_fields": [{"name": "a", "value": "b", "colour": "red"}]}, "custom_fields"),
        ({"tabs": [{"title": "", "content": "x"}]}, "tabs"),
        ({"tabs": [{"title": "t", "content": "c"}] * 11}, "tabs"),
        ({"reduced_rate": "super-reduced"}, "reduced_rate"),
        ({"file_access": "friends"}, "file_access"),
        ({"file": "med_doesnotexist"}, "file"),
        ({"file": "http://127.0.0.1/manual.pdf"}, "file"),
    ],
)
def test_malformed_extras_are_400_naming_the_field(staff_client, fields, param):
    response = create(staff_client, **fields)

    assert response.status_code == 400
    assert response.json()["param"].startswith(param)
    assert not Product.objects.exists()


def test_reduced_rate_sets_the_tax_rate_carts_price_with(staff_client):
    body = create(staff_client, reduced_rate="reduced", price_cents=1060).json()

    assert (body["reduced_rate"], body["tax_rate_bp"]) == ("reduced", 600)
    assert body["price_without_tax_cents"] == 1000


def test_reduced_rate_with_another_tax_rate_is_400(staff_client):
    response = create(staff_client, reduced_rate="intermediate", tax_rate_bp=2300)

    assert (response.status_code, response.json()["param"]) == (400, "tax_rate_bp")


def test_setting_another_tax_rate_drops_the_rate_choice(staff_client):
    product_id = create(staff_client, reduced_rate="intermediate").json()["id"]

    body = staff_client.patch(f"/api/v1/products/{product_id}", {"tax_rate_bp": 2300}, format="json").json()

    assert (body["reduced_rate"], body["tax_rate_bp"]) == (None, 2300)


def test_variants_same_values_is_false_once_a_variant_has_its_own_price(staff_client):
    product = ProductFactory()
    variant = VariantFactory(product=product)
    same = staff_client.get(f"/api/v1/products/{product.public_id}").json()["variants_same_values"]

    variant.price_cents = 1500
    variant.save()

    assert same is True
    assert staff_client.get(f"/api/v1/products/{product.public_id}").json()["variants_same_values"] is False


def test_a_get_body_sent_back_unchanged_is_accepted(staff_client, manual):
    body = create(staff_client, custom_fields=CUSTOM_FIELDS, tabs=TABS, file=manual.public_id).json()

    response = staff_client.put(
        f"/api/v1/products/{body['id']}",
        {name: body[name] for name in ("custom_fields", "tabs", "file", "file_access", "reduced_rate", "sales")},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["file"] == body["file"]


def test_file_renders_its_media_and_the_store_route(staff_client, manual):
    body = create(staff_client, file=manual.public_id, file_access="buyers").json()

    assert body["file"] == {
        "id": manual.public_id,
        "name": "manual.pdf",
        "mime_type": "application/pdf",
        "size_bytes": manual.size_bytes,
        "ready": True,
        "url": body["url"] + "/file",
    }
    assert body["file_access"] == "buyers"


def test_media_behind_a_product_file_cannot_be_deleted(staff_client, manual):
    create(staff_client, file=manual.public_id)

    assert staff_client.delete(f"/api/v1/media/{manual.public_id}").status_code == 409


def test_product_page_shows_custom_fields_tabs_and_the_file_link(manual):
    product = ProductFactory(custom_fields=CUSTOM_FIELDS, tabs=[{"title": "Care", "content": "<p>Hand wash.</p>"}])
    update_product(product=product, file=manual.public_id)

    page = Client().get(f"/product/{product.slug}").content.decode()

    assert "<dt>Material</dt><dd>Stoneware</dd>" in page
    assert '<h2 id="tab-title-1">Care</h2>' in page and "<p>Hand wash.</p>" in page
    assert f'href="/product/{product.slug}/file"' in page and "Download manual.pdf" in page


def test_public_file_redirects_to_its_stored_original(manual):
    product = ProductFactory(file=manual)

    response = Client().get(f"/product/{product.slug}/file")

    assert response.status_code == 302
    assert response["Location"].endswith(f"/media/originals/{manual.public_id}.pdf")


def test_buyers_only_file_sends_visitors_to_sign_in(manual):
    product = ProductFactory(file=manual, file_access="buyers")

    response = Client().get(f"/product/{product.slug}/file")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_buyers_only_file_is_refused_to_a_customer_without_a_paid_order(manual):
    product = ProductFactory(file=manual, file_access="buyers")
    unpaid = OrderLineFactory(product=product, order__paid=False)
    client = Client()
    client.force_login(unpaid.order.customer.user)

    response = client.get(f"/product/{product.slug}/file")

    assert response.status_code == 403


def test_buyers_only_file_is_streamed_to_a_buyer_without_caching(manual):
    product = ProductFactory(file=manual, file_access="buyers")
    line = OrderLineFactory(product=product)
    client = Client()
    client.force_login(line.order.customer.user)

    response = client.get(f"/product/{product.slug}/file")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="manual.pdf"' in response["Content-Disposition"]


def test_file_still_processing_is_404_and_has_no_url(staff_client):
    media = MediaFactory(status=Media.Status.PROCESSING, original="", thumb="", square="", full="")
    body = create(staff_client, file=media.public_id).json()

    assert (body["file"]["ready"], body["file"]["url"]) == (False, None)
    assert Client().get(f"/product/{body['slug']}/file").status_code == 404
