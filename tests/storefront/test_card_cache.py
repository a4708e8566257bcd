"""Grid cards are cached HTML fragments keyed by the product's doc_version: reused while nothing they show changes,
rendered again after any write that does (catalog.cards)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Brand, Product, ProductImage, Variant
from shopplatform.store.models import Store
from tests.accounts.factories import CustomerFactory
from tests.catalog.factories import OptionFactory, ProductFactory, ProductImageFactory, VariantFactory

pytestmark = pytest.mark.django_db


def page(client, path="/category/kitchen") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def grid(html: str) -> str:
    """The product grid of a page (the rest carries a per-request CSRF token)."""
    return html[html.index('<ul class="grid"') : html.index("</ul>", html.index('<ul class="grid"'))]


def test_a_second_view_renders_no_card_and_reads_no_card_rows(client, kitchen, django_assert_max_num_queries):
    for index in range(20):
        product = ProductFactory(title=f"Mug {index}", categories=[kitchen])
        ProductImageFactory(product=product)
        VariantFactory(product=product)
    first = page(client)

    with CaptureQueriesContext(connection) as queries:
        second = page(client)

    assert grid(second) == grid(first) and grid(first).count('class="card"') == 20
    card_tables = ('FROM "catalog_productimage"', 'FROM "catalog_variant"', 'JOIN "catalog_brand"')
    assert not [query["sql"] for query in queries if any(table in query["sql"] for table in card_tables)]


@pytest.mark.parametrize(
    "write, shown",
    [
        (lambda p: Product.objects.filter(pk=p.pk).update(price_cents=5555), "55,55"),
        (lambda p: Brand.objects.filter(pk=p.brand_id).update(title="Iron & Oak"), "Iron &amp; Oak"),
        (
            lambda p: ProductImage.objects.filter(product=p).update(external_url="https://cdn.example.com/new.jpg"),
            "https://cdn.example.com/new.jpg",
        ),
        (lambda p: Product.objects.filter(pk=p.pk).update(stock_quantity=0), "Out of stock"),
        (lambda p: Store.objects.filter(pk=1).update(currency="USD", locale="en_US"), "US$|\\$29.90"),
    ],
    ids=["price", "brand", "image", "stock", "currency"],
)
def test_every_write_a_card_shows_renders_it_again(client, teapot, write, shown):
    import re

    ProductImageFactory(product=teapot, external_url="https://cdn.example.com/old.jpg")
    before = page(client)
    assert not re.search(shown, before)

    write(teapot)

    assert re.search(shown, page(client))


def test_variant_stock_reaches_the_card(client, kitchen):
    product = ProductFactory(title="Tee", categories=[kitchen], stock_enabled=True, stock_show=True)
    variant = VariantFactory(product=product, option_1=OptionFactory(group__product=product), stock_quantity=5)
    before = page(client)

    Variant.objects.filter(pk=variant.pk).update(stock_quantity=0)

    assert page(client) != before


def test_wholesale_buyers_and_the_public_get_their_own_cards(client, kitchen, django_user_model):
    ProductFactory(title="Crate", categories=[kitchen], price_cents=2000, wholesale_price_cents=1200)
    public = page(client)
    user = django_user_model.objects.create_user(username="trade", email="trade@example.com", password="pw-trade-1")
    CustomerFactory(user=user, email=user.email, wholesale=True)
    client.force_login(user)

    wholesale = page(client)

    assert "12,00" in wholesale and "12,00" not in public
    cache.clear()
    client.logout()
    assert "12,00" not in page(client)


def test_a_cache_that_is_down_costs_the_shortcut_not_the_page(client, teapot, monkeypatch):
    from django_redis.exceptions import ConnectionInterrupted

    from shopplatform import query_cache

    def down(*args, **kwargs):
        raise ConnectionInterrupted(connection=None)

    monkeypatch.setattr(query_cache.cache, "get_many", down)
    monkeypatch.setattr(query_cache.cache, "set_many", down)

    assert "Enamel Teapot" in grid(page(client, "/"))
    assert "Enamel Teapot" in grid(page(client, "/category/kitchen"))  # the shared count is computed instead


def test_cards_written_ahead_are_served_without_rendering(client, kitchen, settings):
    """The public's cards are stored with the products' representations (catalog.prerender): a first view renders
    none, and shows what rendering them would."""
    from catalog.models import ProductCard
    from catalog.prerender import refresh_documents

    settings.SITE_URL = "https://shop.example"
    for index in range(3):
        ProductImageFactory(product=ProductFactory(title=f"Jug {index}", categories=[kitchen]))
    refresh_documents()
    assert ProductCard.objects.count() == 3

    with CaptureQueriesContext(connection) as queries:
        ahead = grid(page(client))
    ProductCard.objects.all().delete()

    assert ahead == grid(page(client)) and ahead.count('class="card"') == 3
    assert not [query["sql"] for query in queries if 'FROM "catalog_productimage"' in query["sql"]]


def test_a_stored_card_of_an_older_version_is_never_served(client, teapot):
    from catalog.models import ProductCard

    page(client)
    Product.objects.filter(pk=teapot.pk).update(title="Cast Iron Teapot")
    ProductCard.objects.filter(product=teapot).update(html="<article>STALE</article>")  # a racing reader's card

    shown = grid(page(client))

    assert "Cast Iron Teapot" in shown and "STALE" not in shown


def test_only_the_publics_cards_are_stored(client, kitchen, django_user_model):
    from catalog.models import ProductCard

    ProductFactory(title="Crate", categories=[kitchen], price_cents=2000, wholesale_price_cents=1200)
    user = django_user_model.objects.create_user(username="trade", email="trade@example.com", password="pw-trade-1")
    CustomerFactory(user=user, email=user.email, wholesale=True)
    client.force_login(user)

    assert "12,00" in page(client)
    assert not ProductCard.objects.exists()
