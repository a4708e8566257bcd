"""Product endpoints."""

import pytest
from django.test import override_settings

from catalog.models import Product, ProductStatus
from shopplatform.store.models import Store
from tests.accounts.factories import CustomerFactory
from webhooks.models import Event

from .factories import (
    BrandFactory,
    CategoryFactory,
    ProductFactory,
    ProductImageFactory,
    SellerFactory,
)

pytestmark = pytest.mark.django_db


def ids(response) -> list[str]:
    return [item["id"] for item in response.json()["data"]]


def test_create_product_returns_201_with_derived_slug_and_money(staff_client):
    """Slug transliterated from the title; cents plus formatted strings."""
    response = staff_client.post("/api/v1/products", {"title": "Decoração Rústica", "price_cents": 4073}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("prod_")
    assert body["slug"] == "decoracao-rustica"
    assert body["price_cents"] == 4073
    assert body["currency"] == "EUR"
    assert "40" in body["price_formatted"] and "73" in body["price_formatted"]
    assert body["status"] == "active" and body["status_code"] == 1


def test_prices_use_the_store_currency_and_locale(staff_client):
    """Formatted in the store's locale ("40,73 €")."""
    Store.objects.update_or_create(pk=Store.SINGLETON_PK, defaults={"currency": "EUR", "locale": "pt_PT"})
    product = ProductFactory(price_cents=4073)

    body = staff_client.get(f"/api/v1/products/{product.public_id}").json()

    assert body["price_formatted"] == "40,73\xa0€"


def test_create_product_emits_product_created(staff_client):
    """`product.created` carries the product as the API renders it."""
    response = staff_client.post("/api/v1/products", {"title": "Lamp", "price_cents": 100}, format="json")

    event = Event.objects.get(type="product.created")
    assert event.data["object"]["id"] == response.json()["id"]


def test_create_product_without_price_is_400_naming_price(staff_client):
    """Price is required unless price_on_request."""
    response = staff_client.post("/api/v1/products", {"title": "Lamp"}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["param"] == "price_cents"


def test_price_on_request_product_needs_no_price(staff_client):
    """Price not required with price_on_request."""
    response = staff_client.post("/api/v1/products", {"title": "Yacht", "price_on_request": True}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"promo_price_cents": 1000}, "promo_price_cents"),
        ({"price_cents": -1}, "price_cents"),
        ({"gtin": "09506000134353"}, "gtin"),
        ({"gtin": "12345"}, "gtin"),
        ({"upc": "036000291453"}, "upc"),
        ({"ean": "4006381333932"}, "ean"),
        ({"status": "archived"}, "status"),
        ({"status": 7}, "status"),
        ({"weight_unit": "stone"}, "weight_unit"),
        ({"video_url": "https://example.com/video"}, "video_url"),
        ({"stock_quantity": 5}, "stock_quantity"),
        ({"categories": ["no-such-category"]}, "categories"),
        ({"brand": "no-such-brand"}, "brand"),
        ({"channels": [{"name": "Shop"}]}, "channels"),
        ({"images": ["not a url"]}, "images"),
        ({"tax_rate_bp": 20000}, "tax_rate_bp"),
        ({"is_free": True}, "is_free"),
    ],
)
def test_invalid_product_field_is_400_naming_the_field(staff_client, payload, field):
    """Every validation rule answers problem+json 400 with the field in `param`."""
    response = staff_client.post("/api/v1/products", {"title": "Bowl", "price_cents": 1000, **payload}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["param"].startswith(field)


def test_duplicate_explicit_slug_is_409(staff_client):
    """Duplicates answer 409."""
    ProductFactory(slug="bowl")

    response = staff_client.post("/api/v1/products", {"title": "Bowl", "price_cents": 1, "slug": "bowl"}, format="json")

    assert response.status_code == 409
    assert response.json()["param"] == "slug"


def test_same_title_gets_numeric_suffix_slug(staff_client):
    """Taken slugs get a number: `rustic-spice-bowl-set-2`."""
    ProductFactory(slug="rustic-spice-bowl-set")

    response = staff_client.post(
        "/api/v1/products", {"title": "Rustic Spice Bowl Set", "price_cents": 1}, format="json"
    )

    assert response.json()["slug"] == "rustic-spice-bowl-set-2"


def test_gtin_is_stored_as_gtin14(staff_client):
    """GTIN entered as EAN-13 comes back as its 14-digit form."""
    response = staff_client.post(
        "/api/v1/products", {"title": "Jar", "price_cents": 1, "gtin": "9506000134352"}, format="json"
    )

    assert response.json()["gtin"] == "09506000134352"


def test_weight_in_pounds_derives_grams(staff_client):
    """Weight + unit, grams derived for shipping."""
    response = staff_client.post(
        "/api/v1/products", {"title": "Anvil", "price_cents": 1, "weight": "2.5", "weight_unit": "lb"}, format="json"
    )

    assert response.json()["weight_grams"] == 1134


def test_description_html_is_sanitized(staff_client):
    """Descriptions are sanitized HTML; excerpt derives from the text."""
    response = staff_client.post(
        "/api/v1/products",
        {"title": "Vase", "price_cents": 1, "description": '<p onclick="x()">Blue <script>alert(1)</script>vase</p>'},
        format="json",
    )

    body = response.json()
    assert body["description"] == "<p>Blue vase</p>"
    assert body["excerpt"] == "Blue vase"


def test_status_accepts_seed_003_code_and_alias(staff_client):
    """Integer codes 1-4 and `status_alias` are accepted on input."""
    by_code = staff_client.post("/api/v1/products", {"title": "A", "price_cents": 1, "status": 4}, format="json")
    by_alias = staff_client.post(
        "/api/v1/products", {"title": "B", "price_cents": 1, "status_alias": "hidden"}, format="json"
    )

    assert by_code.json()["status"] == "soon"
    assert by_alias.json()["status_code"] == 2


def test_put_is_a_partial_update(staff_client):
    """PUT changes only the fields sent."""
    product = ProductFactory(title="Bowl", sku="B-1", price_cents=500)

    response = staff_client.put(f"/api/v1/products/{product.public_id}", {"featured": True}, format="json")

    assert response.status_code == 200
    assert response.json()["featured"] is True
    assert response.json()["sku"] == "B-1"
    assert response.json()["price_cents"] == 500


def test_renaming_keeps_the_slug(staff_client):
    """Slugs are stable."""
    product = ProductFactory(slug="bowl")

    response = staff_client.patch(f"/api/v1/products/{product.public_id}", {"title": "Big bowl"}, format="json")

    assert response.json()["slug"] == "bowl"


def test_update_emits_product_updated(staff_client):
    product = ProductFactory()

    staff_client.patch(f"/api/v1/products/{product.public_id}", {"new": True}, format="json")

    assert Event.objects.filter(type="product.updated").count() == 1


def test_delete_removes_product_and_emits_product_deleted(staff_client):
    """Hard delete with cascade; 204 without body."""
    product = ProductFactory()
    ProductImageFactory(product=product)

    response = staff_client.delete(f"/api/v1/products/{product.public_id}")

    assert response.status_code == 204
    assert not Product.objects.filter(pk=product.pk).exists()
    assert Event.objects.get(type="product.deleted").data["object"]["id"] == product.public_id


def test_get_by_slug(anonymous_client):
    """One product by slug."""
    product = ProductFactory(slug="cool-plugin")

    response = anonymous_client.get("/api/v1/products/cool-plugin")

    assert response.json()["id"] == product.public_id


def test_detail_shows_channels_and_payment_link(anonymous_client):
    """Live channels and the Stripe payment link (null when unset)."""
    product = ProductFactory(
        channels=[{"name": "Etsy", "url": "https://etsy.com/x"}], stripe_payment_link="https://buy.stripe.com/x"
    )
    plain = ProductFactory()

    body = anonymous_client.get(f"/api/v1/products/{product.public_id}").json()

    assert body["channels"] == [{"name": "Etsy", "url": "https://etsy.com/x"}]
    assert body["stripe_payment_link"] == "https://buy.stripe.com/x"
    assert anonymous_client.get(f"/api/v1/products/{plain.public_id}").json()["stripe_payment_link"] is None


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.HIDDEN])
def test_anonymous_gets_404_for_non_public_product(anonymous_client, status):
    """Non-live products are invisible publicly."""
    product = ProductFactory(status=status)

    response = anonymous_client.get(f"/api/v1/products/{product.public_id}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_anonymous_list_shows_only_public_products(anonymous_client):
    """Active, out_of_stock and soon are public; draft and hidden are not."""
    public = [ProductFactory(status=status) for status in ("active", "out_of_stock", "soon")]
    ProductFactory(status="draft")
    ProductFactory(status="hidden")

    response = anonymous_client.get("/api/v1/products")

    assert set(ids(response)) == {product.public_id for product in public}


def test_staff_list_shows_every_product(staff_client):
    """The back-office key sees all statuses."""
    for status in ProductStatus.values:
        ProductFactory(status=status)

    assert staff_client.get("/api/v1/products").json()["total"] == 5


def test_customer_key_sees_only_public_products(customer_client):
    ProductFactory(status="hidden")
    visible = ProductFactory()

    assert ids(customer_client.get("/api/v1/products")) == [visible.public_id]


def test_wholesale_only_product_hidden_from_regular_customers(customer_client):
    """Only wholesale customers see it."""
    ProductFactory(wholesale_only=True)

    assert customer_client.get("/api/v1/products").json()["data"] == []


def test_wholesale_customer_sees_exclusive_product_and_wholesale_price(customer_client, customer_user):
    """Wholesale: flagged customers see wholesale prices and exclusive products."""
    CustomerFactory(user=customer_user, email=customer_user.email, wholesale=True)
    product = ProductFactory(wholesale_only=True, wholesale_price_cents=700)

    body = customer_client.get("/api/v1/products").json()["data"]

    assert [item["id"] for item in body] == [product.public_id]
    assert body[0]["wholesale_price_cents"] == 700


def test_anonymous_does_not_see_wholesale_price(anonymous_client):
    ProductFactory(wholesale_price_cents=700)

    assert anonymous_client.get("/api/v1/products").json()["data"][0]["wholesale_price_cents"] is None


def test_customer_key_cannot_create_products(customer_client):
    response = customer_client.post("/api/v1/products", {"title": "X", "price_cents": 1}, format="json")

    assert response.status_code == 403


def test_write_without_catalog_write_scope_is_403(make_client, staff_user):
    client = make_client(staff_user, scopes="catalog:read")

    response = client.post("/api/v1/products", {"title": "X", "price_cents": 1}, format="json")

    assert response.status_code == 403
    assert response.json()["param"] == "catalog:write"


def test_anonymous_write_is_401(anonymous_client):
    response = anonymous_client.post("/api/v1/products", {"title": "X", "price_cents": 1}, format="json")

    assert response.status_code == 401


def test_filter_category_includes_descendants(anonymous_client):
    """The category filter covers subcategories; slug or id."""
    root = CategoryFactory(slug="visual")
    child = CategoryFactory(parent=root)
    grandchild = CategoryFactory(parent=child)
    inside = [ProductFactory(categories=[root]), ProductFactory(categories=[grandchild])]
    ProductFactory(categories=[CategoryFactory()])

    by_slug = anonymous_client.get("/api/v1/products?category=visual")
    by_id = anonymous_client.get(f"/api/v1/products?category={child.public_id}")

    assert set(ids(by_slug)) == {product.public_id for product in inside}
    assert ids(by_id) == [inside[1].public_id]


@pytest.mark.parametrize(
    ("query", "attributes"),
    [
        ("sku=AB-1", {"sku": "AB-1"}),
        ("reference=AB-1", {"sku": "AB-1"}),
        ("slug=the-one", {"slug": "the-one"}),
        ("handle=the-one", {"slug": "the-one"}),
        ("featured=true", {"featured": True}),
        ("new=true", {"new": True}),
        ("barcode=5601234567890", {"barcode": "5601234567890"}),
        ("barcode=9506000134352", {"gtin": "09506000134352"}),
        ("status=4", {"status": "soon"}),
        ("status_alias=out_of_stock", {"status": "out_of_stock"}),
        ("price_min=5000", {"price_cents": 6000}),
        ("price_max=50", {"price_cents": 40}),
        ("q=teapot", {"title": "Blue teapot"}),
        ("query=teapot", {"title": "Blue teapot"}),
    ],
)
def test_product_filters(anonymous_client, query, attributes):
    """Filters and their aliases."""
    wanted = ProductFactory(**attributes)
    ProductFactory(price_cents=1000)

    assert ids(anonymous_client.get(f"/api/v1/products?{query}")) == [wanted.public_id]


def test_filter_by_ids_brand_seller_and_tag(staff_client):
    brand, seller = BrandFactory(slug="acme"), SellerFactory(name="steve")
    wanted = ProductFactory(brand=brand, seller=seller)
    wanted.tags.create(name="gift")
    other = ProductFactory()

    query = f"ids={wanted.public_id},{other.public_id}&brand=acme&seller=steve&tag=gift"
    assert ids(staff_client.get(f"/api/v1/products?{query}")) == [wanted.public_id]


def test_status_filter_combines_codes_with_commas(staff_client):
    """Comma-combined status codes."""
    ProductFactory(status="hidden")
    ProductFactory(status="soon")
    ProductFactory(status="active")

    assert staff_client.get("/api/v1/products?status=2,4").json()["total"] == 2


def test_unknown_status_filter_is_400(anonymous_client):
    response = anonymous_client.get("/api/v1/products?status=9")

    assert response.status_code == 400
    assert response.json()["param"] == "status"


def test_invalid_price_filter_is_400(anonymous_client):
    assert anonymous_client.get("/api/v1/products?price_min=abc").status_code == 400


def test_ordering_by_price(anonymous_client):
    cheap, dear = ProductFactory(price_cents=100), ProductFactory(price_cents=900)

    assert ids(anonymous_client.get("/api/v1/products?ordering=-price")) == [dear.public_id, cheap.public_id]


def test_updated_since_filter(staff_client):
    product = ProductFactory()
    Product.objects.filter(pk=ProductFactory().pk).update(updated_at="2020-01-01T00:00:00Z")

    response = staff_client.get("/api/v1/products?updated_since=2024-01-01T00:00:00Z")

    assert ids(response) == [product.public_id]


def test_product_embeds_categories_brand_images_and_stock(anonymous_client):
    """Embedded categories, brand, images, stock block."""
    category, brand = CategoryFactory(), BrandFactory()
    product = ProductFactory(categories=[category], brand=brand, stock_enabled=True, stock_quantity=3, stock_show=True)
    ProductImageFactory(product=product, url="https://cdn.example.com/a.jpg")

    body = anonymous_client.get(f"/api/v1/products/{product.public_id}").json()

    assert body["categories"][0]["slug"] == category.slug
    assert body["brand"]["id"] == brand.public_id
    assert body["image"]["full"] == "https://cdn.example.com/a.jpg"
    assert body["stock"]["quantity"] == 3


@pytest.mark.parametrize("rows", [1, 100])
@override_settings(PRODUCT_DOCUMENTS=False)
def test_product_list_query_count_is_constant(store_settings, anonymous_client, django_assert_max_num_queries, rows):
    """The ORM path (staff, wholesale) embeds everything in a fixed number of queries; tests/catalog/test_documents.py
    counts the stored-representation path anonymous callers take."""
    category, brand = CategoryFactory(), BrandFactory()
    for _ in range(rows):
        product = ProductFactory(categories=[category], brand=brand, seller=SellerFactory())
        ProductImageFactory(product=product)
        product.tags.create(name="x")

    with django_assert_max_num_queries(9):
        response = anonymous_client.get("/api/v1/products?limit=100")

    assert len(response.json()["data"]) == rows
