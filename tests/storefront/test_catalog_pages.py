"""Catalog store pages: home, listings with filters, sorting and paging, search, product page, wishlist."""

import pytest

from catalog.models import Review
from tests.catalog.factories import ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_store_notice_and_featured_products(client, teapot):
    response = client.get("/")

    assert response.status_code == 200
    assert "Free shipping over 59 €" in response.content.decode()
    assert "Enamel Teapot" in response.content.decode()


def test_home_shows_primary_and_secondary_menus(client, store):
    """Menus come from the store settings; page items resolve to the store's page paths."""
    page = client.get("/").content.decode()

    assert 'href="/about"' in page
    assert 'href="/page/terms"' in page


def test_category_page_lists_products_of_subcategories(client, teapot):
    response = client.get("/category/home")

    assert response.status_code == 200
    assert "Enamel Teapot" in response.content.decode()


def test_category_filter_takes_prices_in_major_units(client, teapot, bowl):
    response = client.get("/category/kitchen", {"price_min": "30", "price_max": "50"})

    page = response.content.decode()
    assert "Spice Bowl" in page
    assert "Enamel Teapot" not in page


def test_category_sort_by_price_descending_puts_dearest_first(client, teapot, bowl):
    page = client.get("/category/kitchen", {"sort": "-price"}).content.decode()

    assert page.index("Spice Bowl") < page.index("Enamel Teapot")


def test_listing_ignores_an_unreadable_price_filter(client, teapot):
    response = client.get("/category/kitchen", {"price_min": "abc"})

    assert response.status_code == 200
    assert "Enamel Teapot" in response.content.decode()


def test_listing_pages_by_the_store_page_size(client, store, kitchen):
    store.products_per_page_catalog = 2
    store.save()
    for position in range(3):
        ProductFactory(title=f"Mug {position}", position=position, categories=[kitchen])

    second = client.get("/category/kitchen", {"page": 2}).content.decode()

    assert "Mug 2" in second
    assert "Mug 0" not in second


def test_listing_runs_a_constant_number_of_queries(client, kitchen, django_assert_max_num_queries):
    for _ in range(20):
        ProductImageFactory(product=ProductFactory(categories=[kitchen]))

    with django_assert_max_num_queries(16):
        client.get("/category/kitchen")


def test_unknown_category_is_404(client, store):
    assert client.get("/category/nowhere").status_code == 404


def test_brand_page_lists_the_brand_products(client, teapot, bowl):
    page = client.get("/brand/oak-and-iron").content.decode()

    assert "Enamel Teapot" in page
    assert "Spice Bowl" not in page


def test_search_finds_a_product_by_title(client, teapot, bowl):
    page = client.get("/search", {"q": "teapot"}).content.decode()

    assert "Enamel Teapot" in page
    assert "Spice Bowl" not in page


def test_sales_page_lists_promoted_products(client, teapot, bowl):
    page = client.get("/sales").content.decode()

    assert "Spice Bowl" in page
    assert "Enamel Teapot" not in page


def test_product_page_formats_prices_in_the_store_locale(client, bowl):
    """Pt_PT style, comma decimals and the symbol after a space; the regular price is struck through."""
    page = client.get("/product/spice-bowl").content.decode()

    assert "35,00\xa0€" in page
    assert "<del" in page and "40,73\xa0€" in page


def test_product_page_shows_stock_units_when_the_store_shows_them(client, teapot):
    assert "8 in stock" in client.get("/product/enamel-teapot").content.decode()


def test_product_page_variant_query_selects_that_variant_price(client, tee):
    _, _, large = tee

    page = client.get("/product/cotton-tee", {"variant": large.public_id}).content.decode()

    assert "29,00\xa0€" in page
    assert f'name="variant" id="variant-input" value="{large.public_id}"' in page


def test_product_page_disables_add_to_cart_for_an_out_of_stock_variant(client, tee):
    _, _, large = tee

    page = client.get("/product/cotton-tee", {"variant": large.public_id}).content.decode()

    assert 'id="add-button" disabled' in page


def test_product_page_uses_the_seo_fields(client, teapot):
    teapot.page_title, teapot.meta_description = "Best teapot", "A teapot for every kitchen"
    teapot.save()

    page = client.get("/product/enamel-teapot").content.decode()

    assert "<title>Best teapot · Parallax</title>" in page
    assert '<meta name="description" content="A teapot for every kitchen">' in page


def test_hidden_product_page_is_404(client, store):
    ProductFactory(slug="secret", status="hidden")

    assert client.get("/product/secret").status_code == 404


def test_wishlist_keeps_added_products_in_the_session(client, teapot):
    client.post("/wishlist/add/enamel-teapot")

    assert "Enamel Teapot" in client.get("/wishlist/").content.decode()


def test_wishlist_remove_drops_the_product(client, teapot):
    client.post("/wishlist/add/enamel-teapot", follow=True)
    client.post("/wishlist/remove/enamel-teapot", follow=True)

    assert "Enamel Teapot" not in client.get("/wishlist/").content.decode()


def test_wishlist_add_needs_post(client, teapot):
    assert client.get("/wishlist/add/enamel-teapot").status_code == 405


def test_product_page_lists_visible_reviews(client, teapot):
    Review.objects.create(product=teapot, rating=5, body="<p>Keeps the tea hot for ages.</p>")
    Review.objects.create(product=teapot, rating=1, body="<p>Spam spam spam.</p>", hidden=True)

    page = client.get("/product/enamel-teapot").content.decode()

    assert "Keeps the tea hot for ages." in page
    assert "Spam spam" not in page


def test_seed_option_parameter_picks_the_variant(client, store):
    """Variant links are /product/<slug>?option=<id>; the page opens on that variant."""
    from catalog.services import create_option_group
    from tests.catalog.factories import ProductFactory

    product = ProductFactory(slug="tee", price_cents=1000)
    create_option_group(product=product, title="Size", options=[{"title": "S"}, {"title": "M"}])
    medium = product.variants.get(title="M")
    medium.price_cents = 1500
    medium.save()

    response = client.get(f"/product/tee?option={medium.public_id}")

    assert response.status_code == 200
    assert response.context["chosen"] == medium


def test_few_units_read_only_n_left_with_or_without_variants(client, teapot, tee):
    teapot.stock_quantity = 2
    teapot.save()
    _, small, _ = tee
    small.stock_quantity = 2
    small.save()

    product_page = client.get("/product/enamel-teapot").content.decode()
    variant_page = client.get("/product/cotton-tee", {"variant": small.public_id}).content.decode()

    assert "Only 2 left" in product_page
    assert "Only 2 left" in variant_page
