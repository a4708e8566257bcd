"""Stored product representations (catalog.documents): the same bytes as the ORM path, never stale, lean.

Each dependency test writes the way some code path really does (often a queryset UPDATE, which sends no signal)
and checks that the next anonymous read equals what the ORM path renders then. The suite runs on SQLite and on
PostgreSQL, so the triggers of both are exercised.
"""

import pytest
from django.core.cache import cache
from django.test import override_settings

from catalog.api.views import PLAIN_ORDERINGS
from catalog.models import DigitalListing, Option, OptionGroup, Product, ProductDocument, ProductImage, Variant
from catalog.services.stock import StockLine, claim_stock
from media_library.models import Media
from shopplatform.store.models import Store
from tests.accounts.factories import CustomerFactory
from tests.catalog.digital.factories import VersionFactory
from tests.media_library.factories import MediaFactory

from .factories import (
    BrandFactory,
    CategoryFactory,
    OptionFactory,
    ProductFactory,
    ProductImageFactory,
    SellerFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_product(store_settings) -> Product:
    """A product showing every kind of dependency: taxonomy, seller, images, media, options, variants, file."""
    parent = CategoryFactory(title="Home")
    product = ProductFactory(
        title="Vase",
        categories=[CategoryFactory(title="Cerâmica \u2028 line", parent=parent)],
        brand=BrandFactory(title="Pure You"),
        seller=SellerFactory(display_name="Ana"),
        stock_enabled=True,
        stock_show=True,
        stock_quantity=7,
        file=MediaFactory(kind=Media.Kind.FILE, mime_type="application/pdf", extension=".pdf"),
    )
    product.tags.create(name="clay")
    ProductImageFactory(product=product, media=MediaFactory(), external_url="")
    size = OptionFactory(group__product=product, title="Small")
    VariantFactory(product=product, option_1=size, stock_quantity=3, price_cents=900, image=MediaFactory())
    DigitalListing.objects.create(product=product, game="none")
    return product


def reference(client, path: str) -> bytes:
    """The body the ORM path renders now (no stored representation takes part)."""
    with override_settings(PRODUCT_DOCUMENTS=False):
        response = client.get(path)
    assert response.status_code == 200
    return response.content


def served(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    return response.content


def test_list_and_detail_bytes_equal_the_orm_path_cold_and_warm(anonymous_client, rich_product):
    ProductFactory(title="Plain")
    for path in ("/api/v1/products", f"/api/v1/products/{rich_product.public_id}", "/api/v1/products?ordering=-price"):
        expected = reference(anonymous_client, path)
        assert served(anonymous_client, path) == expected  # rendered and stored
        assert served(anonymous_client, path) == expected  # from the stored body
    assert ProductDocument.objects.count() == 2


def test_detail_by_slug_and_unknown_ref(anonymous_client, rich_product):
    assert served(anonymous_client, f"/api/v1/products/{rich_product.slug}") == reference(
        anonymous_client, f"/api/v1/products/{rich_product.public_id}"
    )
    assert anonymous_client.get("/api/v1/products/no-such-product").status_code == 404


def test_a_stored_body_of_an_older_version_is_never_served(anonymous_client, rich_product):
    """A reader that rendered before a write committed stores its body under the version it read: unused."""
    path = f"/api/v1/products/{rich_product.public_id}"
    served(anonymous_client, path)
    document = ProductDocument.objects.get(product=rich_product)
    Product.objects.filter(pk=rich_product.pk).update(title="Renamed")
    ProductDocument.objects.filter(pk=document.pk).update(body='{"stale":true}')

    body = served(anonymous_client, path)

    assert b"stale" not in body and b"Renamed" in body
    assert body == reference(anonymous_client, path)


def _product_update(product):
    Product.objects.filter(pk=product.pk).update(price_cents=1234)


def _stock_claim(product):
    claim_stock(items=[StockLine(product=product, quantity=2, variant=product.variants.get())])


def _variant_price(product):
    Variant.objects.filter(product=product).update(price_cents=777)


def _variant_added(product):
    VariantFactory(product=product, option_1=OptionFactory(group=product.option_groups.get(), title="Large"))


def _variant_deleted(product):
    Variant.objects.filter(product=product).delete()


def _option_title(product):
    Option.objects.filter(group__product=product).update(title="Tiny")


def _option_group_title(product):
    OptionGroup.objects.filter(product=product).update(title="Dimension")


def _image_added(product):
    ProductImageFactory(product=product)


def _image_alt(product):
    ProductImage.objects.filter(product=product).update(alt="A vase on a table")


def _image_deleted(product):
    ProductImage.objects.filter(product=product).delete()


def _media_processed_again(product):
    Media.objects.filter(pk=product.images.get().media_id).update(full="media/images/other.jpg")


def _media_duplicate_changes(product):
    original = MediaFactory(full="media/images/original.jpg")
    Media.objects.filter(pk=product.images.get().media_id).update(duplicate_of=original)
    Media.objects.filter(pk=original.pk).update(full="media/images/moved.jpg")


def _variant_media(product):
    Media.objects.filter(pk=product.variants.get().image_id).update(status=Media.Status.PROCESSING)


def _file_media(product):
    Media.objects.filter(pk=product.file_id).update(original_name="manual-v2.pdf")


def _tag_added(product):
    product.tags.create(name="handmade")


def _category_renamed(product):
    product.categories.update(title="Ceramics")


def _category_image(product):
    media = MediaFactory()
    product.categories.update(image=media)
    Media.objects.filter(pk=media.pk).update(thumb="media/images/thumb/new.jpg")


def _category_added(product):
    product.categories.add(CategoryFactory(title="Gifts"))


def _category_removed(product):
    product.categories.clear()


def _brand_renamed(product):
    type(product.brand).objects.filter(pk=product.brand_id).update(title="Pure Me")


def _seller_renamed(product):
    type(product.seller).objects.filter(pk=product.seller_id).update(display_name="Ana Maria")


def _digital_listing(product):
    DigitalListing.objects.filter(product=product).update(download_count=41)


def _latest_version(product):
    version = VersionFactory(product=product, version_tag="2.0.0")
    DigitalListing.objects.filter(product=product).update(latest_version=version)


def _latest_version_yanked(product):
    _latest_version(product)
    type(product.digital.latest_version).objects.filter(product=product).update(release_notes_html="<p>Fixes</p>")


def _store_currency(product):
    Store.objects.filter(pk=Store.load().pk).update(currency="USD", locale="en_US")


def _store_taxes(product):
    store = Store.load()
    Store.objects.filter(pk=store.pk).update(taxes_included=not store.taxes_included)
    Product.objects.filter(pk=product.pk).update(tax_rate_bp=2300)


WRITES = [
    _product_update,
    _stock_claim,
    _variant_price,
    _variant_added,
    _variant_deleted,
    _option_title,
    _option_group_title,
    _image_added,
    _image_alt,
    _image_deleted,
    _media_processed_again,
    _media_duplicate_changes,
    _variant_media,
    _file_media,
    _tag_added,
    _category_renamed,
    _category_image,
    _category_added,
    _category_removed,
    _brand_renamed,
    _seller_renamed,
    _digital_listing,
    _latest_version,
    _latest_version_yanked,
    _store_currency,
    _store_taxes,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__.strip("_") for write in WRITES])
def test_no_write_leaves_a_stale_representation(anonymous_client, rich_product, write):
    detail, listing = f"/api/v1/products/{rich_product.public_id}", "/api/v1/products"
    before = served(anonymous_client, detail)
    served(anonymous_client, listing)

    write(Product.objects.get(pk=rich_product.pk))

    after = served(anonymous_client, detail)
    assert after != before, "the write changes what the product shows"
    assert after == reference(anonymous_client, detail)
    assert served(anonymous_client, listing) == reference(anonymous_client, listing)


def test_site_url_is_part_of_the_stored_context(anonymous_client, rich_product):
    path = f"/api/v1/products/{rich_product.public_id}"
    with override_settings(SITE_URL="https://one.example"):
        assert b"https://one.example/product/" in served(anonymous_client, path)
    with override_settings(SITE_URL="https://two.example"):
        body = served(anonymous_client, path)
    assert b"https://two.example/product/" in body and b"one.example" not in body


def test_anonymous_fast_path_hides_what_the_public_may_not_see(anonymous_client, store_settings):
    shown = ProductFactory(title="Shown")
    hidden = [ProductFactory(status="draft"), ProductFactory(wholesale_only=True, wholesale_price_cents=500)]

    listing = anonymous_client.get("/api/v1/products").json()

    assert [item["id"] for item in listing["data"]] == [shown.public_id]
    assert listing["data"][0]["wholesale_price_cents"] is None
    for product in hidden:
        assert anonymous_client.get(f"/api/v1/products/{product.public_id}").status_code == 404
    assert ProductDocument.objects.filter(product__in=hidden).count() == 0


def test_wholesale_and_staff_viewers_take_their_own_path(customer_client, customer_user, staff_client, store_settings):
    product = ProductFactory(
        wholesale_only=True, wholesale_price_cents=500, stock_enabled=True, stock_show=False, stock_notify=2
    )
    CustomerFactory(user=customer_user, email=customer_user.email, wholesale=True)

    as_wholesale = customer_client.get(f"/api/v1/products/{product.public_id}").json()
    as_staff = staff_client.get(f"/api/v1/products/{product.public_id}").json()

    assert as_wholesale["wholesale_price_cents"] == 500 and as_wholesale["stock"]["notify"] is None
    assert as_staff["stock"]["notify"] == 2 and as_staff["stock"]["quantity"] == 0
    assert not ProductDocument.objects.exists()


@pytest.mark.parametrize("rows", [1, 40])
def test_list_queries_are_constant_cold_and_warm(anonymous_client, store_settings, django_assert_num_queries, rows):
    anonymous_client.get("/api/v1/products")  # the first response builds the OpenAPI validator: not counted
    category, brand = CategoryFactory(), BrandFactory()
    for _ in range(rows):
        product = ProductFactory(categories=[category], brand=brand, seller=SellerFactory())
        ProductImageFactory(product=product)
        VariantFactory(product=product)

    # Cold: the store row, the count, the page with its stored bodies (none yet), the products with their 6
    # prefetches, the write of their bodies. Warm: the store row, the count, the page with its stored bodies.
    # (The count is shared for a minute among anonymous callers: cleared here so both requests count.)
    cache.clear()
    with django_assert_num_queries(11):
        anonymous_client.get("/api/v1/products?limit=100")
    cache.clear()
    with django_assert_num_queries(3):
        response = anonymous_client.get("/api/v1/products?limit=100&page=1")

    assert len(response.json()["data"]) == rows


@pytest.mark.parametrize("ordering", [None, *sorted(PLAIN_ORDERINGS)])
def test_a_plain_page_orders_exactly_as_the_filter_set_does(anonymous_client, store_settings, ordering):
    """Pages asking only for an ordering skip django-filter; an empty filter parameter forces the filter set."""
    for index, (price, title) in enumerate([(300, "b"), (100, "c"), (300, "a"), (200, "b"), (100, "a")]):
        ProductFactory(title=title, price_cents=price, position=index % 2)
    query = f"?limit=3&page=2&ordering={ordering}" if ordering else "?limit=3&page=2"

    plain = anonymous_client.get(f"/api/v1/products{query}").json()
    filtered = anonymous_client.get(f"/api/v1/products{query}&sku=").json()

    assert [item["id"] for item in plain["data"]] == [item["id"] for item in filtered["data"]]
    assert plain["total"] == filtered["total"] == 5


def test_an_unknown_ordering_is_still_refused(anonymous_client, store_settings):
    response = anonymous_client.get("/api/v1/products?ordering=secret_column")

    assert response.status_code == 400


def test_a_stored_detail_is_one_query_besides_the_store_row(anonymous_client, rich_product, django_assert_num_queries):
    for ref in (rich_product.public_id, rich_product.slug):
        expected = served(anonymous_client, f"/api/v1/products/{ref}")  # rendered and stored
        with django_assert_num_queries(2):  # the store row (kept per process in production) and the product's body
            assert served(anonymous_client, f"/api/v1/products/{ref}") == expected
