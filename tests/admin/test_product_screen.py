"""The product screen: slug from the title, tags and channels as text, option values that make the variant grid,
images dropped several at once, the description editor, and the list's stock column as the store shows stock."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog import services as catalog_services
from catalog.models import OptionGroup, Product, ProductStatus
from media_library.models import Media
from tests.factories import MediaFactory, ProductFactory, ProductImageFactory, VariantFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:catalog_product_add")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def change_url(product) -> str:
    return reverse("admin:catalog_product_change", args=[product.pk])


def png(colour: str, name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def add_product(admin_browser, **changes):
    data = form_data(admin_browser.get(ADD), title="Linen Shirt", price_cents="24.00", **changes)
    return admin_browser.post(ADD, data)


def refused(response) -> dict:
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


def test_first_save_without_a_slug_takes_it_from_the_title(admin_browser):
    response = add_product(admin_browser, slug=None)

    assert response.status_code == 302
    product = Product.objects.get()
    assert (product.slug, product.price_cents) == ("linen-shirt", 2400)


def test_add_page_fills_the_slug_from_the_title_as_you_type(admin_browser):
    html = admin_browser.get(ADD).content.decode()

    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html or "prepopulate" in html


def test_tags_typed_with_commas_are_stored_as_distinct_tags(admin_browser):
    add_product(admin_browser, tags="linen, summer,, linen ")

    assert [tag.name for tag in Product.objects.get().tags.all()] == ["linen", "summer"]


def test_tags_are_shown_as_text_on_the_change_page(admin_browser):
    product = ProductFactory()
    catalog_services.update_product(product=product, tags=["linen", "summer"])

    html = admin_browser.get(change_url(product)).content.decode()

    assert 'value="linen, summer"' in html


def test_channels_one_per_line_are_stored_as_a_list(admin_browser):
    add_product(admin_browser, channels="Etsy https://www.etsy.com/listing/1\nAmazon Store https://amazon.com/dp/B01")

    assert Product.objects.get().channels == [
        {"name": "Etsy", "url": "https://www.etsy.com/listing/1"},
        {"name": "Amazon Store", "url": "https://amazon.com/dp/B01"},
    ]


def test_a_channel_without_a_valid_url_is_a_form_error(admin_browser):
    response = add_product(admin_browser, channels="Etsy etsy-shop")

    assert "Line 1, url" in refused(response)["channels"][0]
    assert not Product.objects.exists()


def test_option_values_typed_on_the_product_page_make_the_variant_grid(admin_browser):
    groups = {"option_groups-TOTAL_FORMS": 2, "option_groups-0-title": "Size", "option_groups-0-values": "S, M"}
    groups |= {"option_groups-1-title": "Colour", "option_groups-1-values": "Red, Blue"}

    response = add_product(admin_browser, **groups)

    assert response.status_code == 302
    product = Product.objects.get()
    assert [group.title for group in product.option_groups.all()] == ["Size", "Colour"]
    assert [variant.title for variant in product.variants.all()] == ["S / Red", "S / Blue", "M / Red", "M / Blue"]


def test_a_new_value_extends_the_grid_and_keeps_the_existing_variants_data(admin_browser):
    product = ProductFactory(price_cents=2000)
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}, {"title": "M"}])
    small = product.variants.get(title="S")
    catalog_services.update_variant(variant=small, price_cents=1500, sku="SHIRT-S")
    data = form_data(admin_browser.get(change_url(product)), **{"option_groups-0-values": "S, M, L"})

    admin_browser.post(change_url(product), data)

    assert [variant.title for variant in product.variants.all()] == ["S", "M", "L"]
    small.refresh_from_db()
    assert (small.price_cents, small.sku) == (1500, "SHIRT-S")


def test_removing_a_group_on_the_product_page_removes_its_variants(admin_browser):
    product = ProductFactory()
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    data = form_data(admin_browser.get(change_url(product)), **{"option_groups-0-DELETE": True})

    admin_browser.post(change_url(product), data)

    assert not OptionGroup.objects.filter(product=product).exists()
    assert not product.variants.exists()


def test_a_group_without_values_is_a_form_error(admin_browser):
    groups = {"option_groups-TOTAL_FORMS": 1, "option_groups-0-title": "Size", "option_groups-0-values": " , "}

    response = add_product(admin_browser, **groups)

    assert response.status_code == 200
    assert not Product.objects.exists()


def test_variant_grid_prices_are_typed_in_currency_units(admin_browser):
    product = ProductFactory(price_cents=2000)
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    data = form_data(admin_browser.get(change_url(product)), **{"variants-0-price_cents": "17.50"})

    admin_browser.post(change_url(product), data)

    assert product.variants.get().price_cents == 1750


def test_variant_grid_leaves_the_rest_to_the_variants_own_page(admin_browser):
    product = ProductFactory()
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    variant = product.variants.get()

    response = admin_browser.get(change_url(product))

    grid = next(
        inline for inline in response.context["inline_admin_formsets"] if inline.opts.model.__name__ == "Variant"
    )
    shown = [name for name in grid.formset.forms[0].fields if name not in ("id", "product")]
    assert shown == ["price_cents", "promo_price_cents", "stock_quantity", "sku", "active"]
    assert reverse("admin:catalog_variant_change", args=[variant.pk]) in response.content.decode()


def test_a_variants_own_page_saves_through_the_service(admin_browser):
    product = ProductFactory(price_cents=2000)
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    variant = product.variants.get()
    url = reverse("admin:catalog_variant_change", args=[variant.pk])
    data = form_data(admin_browser.get(url), barcode="5601234567890", shipping_cents="3.50")

    response = admin_browser.post(url, data)

    assert response.status_code == 302
    variant.refresh_from_db()
    assert (variant.barcode, variant.shipping_cents) == ("5601234567890", 350)


def test_images_dropped_together_join_the_gallery_after_the_existing_ones_in_order(admin_browser):
    product = ProductFactory()
    ProductImageFactory(product=product, url="https://img.example.com/first.jpg", alt="First")
    data = form_data(admin_browser.get(change_url(product)))
    data["upload_images"] = [png("red", "red.png"), png("blue", "blue.png")]

    response = admin_browser.post(change_url(product), data)

    assert response.status_code == 302
    images = list(product.images.all())
    assert [image.external_url for image in images] == ["https://img.example.com/first.jpg", "", ""]
    assert [image.media.original_name if image.media else None for image in images] == [None, "red.png", "blue.png"]
    assert Media.objects.count() == 2


def test_images_dropped_on_the_add_page_make_the_gallery(admin_browser):
    data = form_data(admin_browser.get(ADD), title="Linen Shirt", price_cents="24.00")
    data["upload_images"] = [png("green", "front.png"), png("white", "back.png")]

    admin_browser.post(ADD, data)

    images = Product.objects.get().images.all()
    assert [(image.position, image.media.original_name) for image in images] == [(0, "front.png"), (1, "back.png")]


def test_a_dropped_file_that_is_not_an_image_is_a_form_error(admin_browser):
    data = form_data(admin_browser.get(ADD), title="Linen Shirt", price_cents="24.00")
    data["upload_images"] = [SimpleUploadedFile("notes.pdf", b"%PDF-1.4 notes", content_type="application/pdf")]

    response = admin_browser.post(ADD, data)

    assert "notes.pdf is not an image" in refused(response)["upload_images"][0]
    assert not Media.objects.exists()


def test_description_uses_the_locally_served_editor_and_is_stored_sanitised(admin_browser):
    html = admin_browser.get(ADD).content.decode()
    assert "/static/catalog/vendor/trix/trix.umd.min.js" in html
    assert "<trix-editor" in html

    add_product(admin_browser, description="<div>Soft <strong>linen</strong><script>alert(1)</script></div>")

    assert Product.objects.get().description == "<div>Soft <strong>linen</strong></div>"


def stock_cell(admin_browser, product) -> str:
    response = admin_browser.get(reverse("admin:catalog_product_changelist"))
    changelist = response.context["cl"]
    row = next(row for row in changelist.result_list if row.pk == product.pk)
    return changelist.model_admin.stock(row)


def test_stock_column_counts_active_variants_only(admin_browser):
    product = ProductFactory(stock_enabled=True)
    VariantFactory(product=product, stock_quantity=5, active=True)
    VariantFactory(product=product, stock_quantity=22, active=False)

    assert stock_cell(admin_browser, product) == "5 in stock"


def test_stock_column_counts_tracked_units_even_when_the_status_says_out_of_stock(admin_browser):
    """catalog.availability: tracked units decide; the status alone no longer hides 27 units."""
    product = ProductFactory(stock_enabled=True, stock_quantity=27, status=ProductStatus.OUT_OF_STOCK)

    assert stock_cell(admin_browser, product) == "27 in stock"


def test_stock_column_shows_out_of_stock_for_an_untracked_product_marked_so(admin_browser):
    product = ProductFactory(stock_enabled=False, status=ProductStatus.OUT_OF_STOCK)

    assert stock_cell(admin_browser, product) == "Out of stock"


def test_stock_column_says_only_n_left_at_the_low_stock_threshold(admin_browser):
    product = ProductFactory(stock_enabled=True, stock_quantity=2, stock_notify=2)

    assert stock_cell(admin_browser, product) == "Only 2 left"


def test_stock_column_shows_out_of_stock_when_only_inactive_variants_have_units(admin_browser):
    product = ProductFactory(stock_enabled=True)
    VariantFactory(product=product, stock_quantity=0, active=True)
    VariantFactory(product=product, stock_quantity=27, active=False)

    assert stock_cell(admin_browser, product) == "Out of stock"


def test_list_thumbnails_are_links_named_by_the_product(admin_browser):
    product = ProductFactory(title="Linen Shirt")
    ProductImageFactory(product=product, media=MediaFactory())

    html = admin_browser.get(reverse("admin:catalog_product_changelist")).content.decode()

    assert 'alt="Linen Shirt"' in html
