"""Absolute
store page links, net prices, promo flags and video player URLs."""

import jsonschema
import pytest

from catalog.videos import video_embed_url
from shopplatform.store.models import Store
from webhooks.models import Event

from .factories import BrandFactory, CategoryFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

STORE_URL = "https://shop.example.com"


@pytest.fixture
def store_with_url(settings):
    """The shop's public address (SITE_URL), which every absolute link is built on (shopplatform/links.py)."""
    settings.SITE_URL = f"{STORE_URL}/"
    Store.load()


def set_store(**fields) -> None:
    Store.objects.update_or_create(pk=Store.SINGLETON_PK, defaults=fields)


def get_product(client, product) -> dict:
    return client.get(f"/api/v1/products/{product.public_id}").json()


def test_product_url_and_permalink_are_the_store_product_page(anonymous_client, store_with_url):
    """`url` and `permalink` are /product/<slug> under the store's URL."""
    product = ProductFactory(slug="rustic-bowl")

    body = get_product(anonymous_client, product)

    assert body["url"] == body["permalink"] == f"{STORE_URL}/product/rustic-bowl"


def test_product_url_uses_the_requested_host_when_the_store_has_no_url(anonymous_client):
    """Without a store URL the links point at the host the API was called on."""
    product = ProductFactory(slug="rustic-bowl")

    body = get_product(anonymous_client, product)

    assert body["url"] == "http://testserver/product/rustic-bowl"


def test_product_url_ignores_the_store_domain_setting(anonymous_client):
    """The merchant's domain setting is reported by GET /store; links follow the address the site is served on."""
    set_store(domain="parallax.example.com", is_ssl=True)
    product = ProductFactory(slug="rustic-bowl")

    body = get_product(anonymous_client, product)

    assert body["url"] == "http://testserver/product/rustic-bowl"


def test_product_event_links_use_site_url_without_a_request(staff_client, settings):
    """Webhook payloads are rendered outside a request, so they link under SITE_URL."""
    settings.SITE_URL = "https://site.example.com/"

    staff_client.post("/api/v1/products", {"title": "Lamp", "price_cents": 100}, format="json")

    event = Event.objects.get(type="product.created")
    assert event.data["object"]["url"] == "https://site.example.com/product/lamp"


def test_product_add_cart_url_is_the_store_add_to_cart_route(anonymous_client, store_with_url):
    """`add_cart_url` is /cart/add/<slug>."""
    product = ProductFactory(slug="rustic-bowl")

    body = get_product(anonymous_client, product)

    assert body["add_cart_url"] == f"{STORE_URL}/cart/add/rustic-bowl"


def test_product_wishlist_has_add_and_remove_urls(anonymous_client, store_with_url):
    """Wishlist {add_url, remove_url}."""
    product = ProductFactory(slug="rustic-bowl")

    body = get_product(anonymous_client, product)

    assert body["wishlist"] == {
        "add_url": f"{STORE_URL}/wishlist/add/rustic-bowl",
        "remove_url": f"{STORE_URL}/wishlist/remove/rustic-bowl",
    }


def test_price_without_tax_removes_included_tax(anonymous_client):
    """Prices including 23 % tax: 123.00 → 100.00."""
    set_store(taxes_included=True)
    product = ProductFactory(price_cents=12300, tax_rate_bp=2300)

    body = get_product(anonymous_client, product)

    assert body["price_without_tax_cents"] == 10000


def test_price_without_tax_rounds_the_contained_tax_half_up(anonymous_client):
    """3 cents at 100 % contain 1.5 cents of tax, rounded up to 2."""
    set_store(taxes_included=True)
    product = ProductFactory(price_cents=3, tax_rate_bp=10000)

    body = get_product(anonymous_client, product)

    assert body["price_without_tax_cents"] == 1


def test_price_without_tax_is_the_price_when_prices_exclude_tax(anonymous_client):
    """The price is already net."""
    set_store(taxes_included=False)
    product = ProductFactory(price_cents=12300, tax_rate_bp=2300)

    body = get_product(anonymous_client, product)

    assert body["price_without_tax_cents"] == 12300


def test_price_without_tax_is_the_price_for_a_product_that_is_not_taxable(anonymous_client):
    """No tax is contained, whatever the rate."""
    set_store(taxes_included=True)
    product = ProductFactory(price_cents=12300, tax_rate_bp=2300, taxable=False)

    body = get_product(anonymous_client, product)

    assert body["price_without_tax_cents"] == 12300


def test_product_promo_and_percentage_follow_the_promo_price(anonymous_client):
    """`promo` and the percentage (`price_promo_percentage` elsewhere) derive from the promo price."""
    product = ProductFactory(price_cents=4000, promo_price_cents=3000)

    body = get_product(anonymous_client, product)

    assert (body["promo"], body["promo_percentage"]) == (True, 25)


def test_product_without_promo_price_has_no_promo(anonymous_client):
    """The documented example's `promo: false`, `price_promo_percentage: null`."""
    product = ProductFactory(price_cents=4000)

    body = get_product(anonymous_client, product)

    assert (body["promo"], body["promo_percentage"]) == (False, None)


def test_promo_does_not_apply_to_a_price_on_request(anonymous_client):
    """A price on request is not shown, so neither is a promotion."""
    product = ProductFactory(price_cents=4000, promo_price_cents=3000, price_on_request=True)

    body = get_product(anonymous_client, product)

    assert body["promo"] is False


@pytest.mark.parametrize(
    ("video_url", "embed_url"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://vimeo.com/76979871/8272103f6e", "https://player.vimeo.com/video/76979871?h=8272103f6e"),
        ("https://vimeo.com/channels/staffpicks/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_video_links_have_a_player_url(video_url, embed_url):
    """YouTube and Vimeo links in their common shapes."""
    assert video_embed_url(video_url) == embed_url


@pytest.mark.parametrize(
    "video_url",
    [
        "https://example.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/@somechannel",
        "https://www.youtube.com/watch?v=short",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/about",
        "ftp://vimeo.com/76979871",
    ],
)
def test_other_links_have_no_player_url(video_url):
    """Only YouTube and Vimeo videos count; channels and look-alike hosts do not."""
    assert video_embed_url(video_url) is None


def test_product_shows_the_player_url_of_its_video(anonymous_client):
    """`video_embed_url` derived from `video_url`."""
    product = ProductFactory(video_url="https://youtu.be/dQw4w9WgXcQ")

    body = get_product(anonymous_client, product)

    assert body["video_embed_url"] == "https://www.youtube.com/embed/dQw4w9WgXcQ"


def test_product_without_video_has_null_player_url(anonymous_client):
    """A `false` for no video is null here (one type per field)."""
    product = ProductFactory()

    body = get_product(anonymous_client, product)

    assert body["video_embed_url"] is None


def test_video_url_that_is_not_a_youtube_or_vimeo_video_is_400(staff_client):
    """`video_url` must be a YouTube or Vimeo URL; a channel page has no video to play."""
    response = staff_client.post(
        "/api/v1/products",
        {"title": "Bowl", "price_cents": 100, "video_url": "https://www.youtube.com/@somechannel"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["param"] == "video_url"


def test_vimeo_video_url_is_accepted(staff_client):
    """Vimeo links are accepted and shown with their player URL."""
    response = staff_client.post(
        "/api/v1/products",
        {"title": "Bowl", "price_cents": 100, "video_url": "https://vimeo.com/76979871"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["video_embed_url"] == "https://player.vimeo.com/video/76979871"


def test_variant_url_and_wishlist_carry_the_option(anonymous_client, store_with_url):
    """Variant `url` and wishlist URLs add ?option=<variant id>."""
    product = ProductFactory(slug="rustic-bowl")
    variant = VariantFactory(product=product)

    body = anonymous_client.get(f"/api/v1/products/{product.public_id}/variants/{variant.public_id}").json()

    assert body["url"] == f"{STORE_URL}/product/rustic-bowl?option={variant.public_id}"
    assert body["wishlist"] == {
        "add_url": f"{STORE_URL}/wishlist/add/rustic-bowl?option={variant.public_id}",
        "remove_url": f"{STORE_URL}/wishlist/remove/rustic-bowl?option={variant.public_id}",
    }


def test_variant_prices_derive_net_price_promo_and_percentage(anonymous_client):
    """`price_without_tax`, `promo`, `price_promo_percentage` from the variant's own prices."""
    set_store(taxes_included=True)
    product = ProductFactory(price_cents=1000, tax_rate_bp=2300)
    variant = VariantFactory(product=product, price_cents=24600, promo_price_cents=12300)

    body = get_product(anonymous_client, product)["variants"][0]

    assert body["id"] == variant.public_id
    assert (body["price_without_tax_cents"], body["promo"], body["promo_percentage"]) == (20000, True, 50)


def test_variant_inherits_the_product_promo(anonymous_client):
    """A variant without prices of its own shows the product's promotion."""
    product = ProductFactory(price_cents=1000, promo_price_cents=900)
    VariantFactory(product=product)

    body = get_product(anonymous_client, product)["variants"][0]

    assert (body["promo"], body["promo_percentage"]) == (True, 10)


def test_product_embeds_category_and_brand_page_urls(anonymous_client, store_with_url):
    """Embedded categories carry `url`; so does the brand."""
    category, brand = CategoryFactory(slug="cozinha"), BrandFactory(slug="pure-you")
    product = ProductFactory(categories=[category], brand=brand)

    body = get_product(anonymous_client, product)

    assert body["categories"][0]["url"] == f"{STORE_URL}/category/cozinha"
    assert body["brand"]["url"] == f"{STORE_URL}/brand/pure-you"


def test_category_url_and_permalink_are_the_store_category_page(anonymous_client, store_with_url):
    """`url` and `permalink` are /category/<slug>."""
    category = CategoryFactory(slug="cozinha")

    body = anonymous_client.get(f"/api/v1/categories/{category.public_id}").json()

    assert body["url"] == body["permalink"] == f"{STORE_URL}/category/cozinha"


def test_category_children_carry_links_image_and_product_count(anonymous_client, store_with_url):
    """Child entries have the summary fields: url, permalink, image, num_products and more."""
    root = CategoryFactory()
    child = CategoryFactory(parent=root, slug="pratos", image_url="https://cdn.example.com/pratos.jpg")
    ProductFactory(categories=[child])

    entry = anonymous_client.get(f"/api/v1/categories/{root.public_id}").json()["children"][0]

    assert entry["id"] == child.public_id
    assert entry["url"] == entry["permalink"] == f"{STORE_URL}/category/pratos"
    assert entry["image"]["full"] == "https://cdn.example.com/pratos.jpg"
    assert (entry["num_products"], entry["parent"], entry["is_child"]) == (1, root.public_id, True)


def test_category_parents_carry_their_page_url(anonymous_client, store_with_url):
    """Ancestors link to their pages too."""
    root = CategoryFactory(slug="casa")
    child = CategoryFactory(parent=root)

    body = anonymous_client.get(f"/api/v1/categories/{child.public_id}").json()

    assert body["parents"][0]["url"] == f"{STORE_URL}/category/casa"


def test_brand_url_and_permalink_are_the_store_brand_page(anonymous_client, store_with_url):
    """`url` and `permalink` are /brand/<slug>."""
    brand = BrandFactory(slug="pure-you")

    body = anonymous_client.get(f"/api/v1/brands/{brand.public_id}").json()

    assert body["url"] == body["permalink"] == f"{STORE_URL}/brand/pure-you"


def test_search_hits_carry_page_urls(anonymous_client, store_with_url):
    """Search results link to their store pages."""
    ProductFactory(title="Rustic bowl", slug="rustic-bowl")
    CategoryFactory(title="Rustic", slug="rustic")

    body = anonymous_client.get("/api/v1/search?q=rustic").json()

    assert body["products"][0]["url"] == f"{STORE_URL}/product/rustic-bowl"
    assert body["categories"][0]["url"] == f"{STORE_URL}/category/rustic"


@pytest.mark.parametrize("rows", [1, 30])
def test_product_list_with_storefront_fields_has_constant_queries(
    anonymous_client, django_assert_max_num_queries, store_with_url, rows
):
    """STYLE: links, net prices and video URLs of products and their variants cost no query per row."""
    category, brand = CategoryFactory(), BrandFactory()
    for _ in range(rows):
        product = ProductFactory(
            categories=[category], brand=brand, tax_rate_bp=2300, video_url="https://youtu.be/dQw4w9WgXcQ"
        )
        VariantFactory(product=product, promo_price_cents=500)

    # Anonymous: a cold page of stored representations (catalog.documents) reads the page and its stored bodies,
    # renders through the ORM path's prefetches and writes the bodies: 12 queries whatever the page size.
    with django_assert_max_num_queries(12):
        response = anonymous_client.get("/api/v1/products?limit=100")

    assert len(response.json()["data"]) == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_category_list_with_child_summaries_has_constant_queries(
    anonymous_client, django_assert_max_num_queries, store_with_url, rows
):
    """Category children without N+1: their images and product counts come in the one children prefetch."""
    for _ in range(rows):
        parent = CategoryFactory()
        ProductFactory(categories=[CategoryFactory(parent=parent, image_url="https://cdn.example.com/c.jpg")])

    with django_assert_max_num_queries(6):
        response = anonymous_client.get("/api/v1/categories?limit=100")

    assert len(response.json()["data"]) == 2 * rows


@pytest.mark.parametrize("rows", [1, 30])
def test_variant_list_with_storefront_fields_has_constant_queries(
    anonymous_client, django_assert_max_num_queries, store_with_url, rows
):
    """Variant links and derived prices cost no query per row."""
    product = ProductFactory(tax_rate_bp=2300)
    for _ in range(rows):
        VariantFactory(product=product, price_cents=2000, promo_price_cents=1500)

    with django_assert_max_num_queries(5):
        response = anonymous_client.get(f"/api/v1/products/{product.public_id}/variants?limit=100")

    assert len(response.json()["data"]) == rows


def test_product_with_variants_and_nulls_conforms_to_the_openapi_document(anonymous_client):
    """The new fields, and null ones (no video, no promo percentage), match the declared schema."""
    product = ProductFactory(price_cents=1000)
    VariantFactory(product=product)
    document = anonymous_client.get("/api/openapi.json").json()

    body = get_product(anonymous_client, product)

    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/ProductOutput", "components": document["components"]}
    )
    assert [error.message for error in validator.iter_errors(body)] == []
