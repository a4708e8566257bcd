"""What a store listing reads per page (catalog.views): the category row kept per process, the count and brand
choices shared by the listing's pages and sorts and keyed by what they show, the filter form built only when the
query string has something for it to check."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Category
from shopplatform.accounts.models import Customer
from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, store):
    settings.STORE_SETTINGS_CACHE_SECONDS = 60
    return settings


def sidebar(html: str) -> str:
    start = html.index('<aside class="filters"')
    return html[start : html.index("</aside>", start)]


def result_count(client, path: str) -> str:
    html = client.get(path).content.decode()
    start = html.index('<p class="result-count" role="status">') + len('<p class="result-count" role="status">')
    return html[start : html.index("</p>", start)]


def test_a_second_page_of_a_category_reads_no_category_row(client, kept, teapot):
    client.get("/category/kitchen")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/category/kitchen?page=1&sort=price").status_code == 200

    assert not [query["sql"] for query in queries if 'FROM "catalog_category"' in query["sql"]]


def test_a_category_this_process_renames_shows_the_new_title_at_once(client, kept, kitchen):
    client.get("/category/kitchen")
    kitchen.title, kitchen.page_title = "Cookware", "Pots and pans"
    kitchen.save()

    page = client.get("/category/kitchen").content.decode()

    assert "<h1>Cookware</h1>" in page and "<title>Pots and pans" in page


def test_a_category_this_process_hides_is_not_found_at_once(client, kept, kitchen):
    assert client.get("/category/kitchen").status_code == 200
    kitchen.active = False
    kitchen.save()

    assert client.get("/category/kitchen").status_code == 404


@pytest.mark.parametrize("sort", ["", "price", "-price", "newest", "title", "unknown"])
def test_a_page_and_sort_query_shows_the_filter_form_the_checked_form_shows(client, teapot, sort):
    plain = client.get("/category/kitchen", {"page": "1", "sort": sort}).content.decode()
    checked = client.get("/category/kitchen", {"page": "1", "sort": sort, "price_max": ""}).content.decode()

    assert sidebar(plain) == sidebar(checked)
    assert sidebar(plain).count(" selected>") == (1 if sort not in ("", "unknown") else 0)


def test_an_unreadable_price_is_reported_beside_its_field(client, teapot):
    page = client.get("/category/kitchen", {"sort": "price", "price_min": "abc"}).content.decode()

    assert 'value="abc" aria-invalid="true" aria-describedby="price_min-error"' in page
    assert '<p class="error" id="price_min-error">' in page


def test_the_shared_count_is_the_viewers_own(client, kitchen, customer_user):
    ProductFactory(title="Tea Caddy", categories=[kitchen])
    ProductFactory(title="Bulk Caddy", categories=[kitchen], wholesale_only=True)
    Customer.objects.update_or_create(user=customer_user, defaults={"wholesale": True})
    assert result_count(client, "/category/kitchen") == "1 product"

    client.force_login(customer_user)

    assert result_count(client, "/category/kitchen") == "2 products"


def test_listings_of_different_products_do_not_share_a_count(client, store):
    ProductFactory(title="Fresh Jug", new=True)
    ProductFactory(title="Old Jug", new=False)
    assert result_count(client, "/search") == "2 products"

    assert result_count(client, "/new") == "1 product"


def test_a_category_the_kept_tree_does_not_know_yet_shares_no_empty_count(client, kept, kitchen):
    client.get("/category/kitchen")  # the process keeps the category tree
    (garden,) = Category.objects.bulk_create([Category(title="Garden", slug="garden")])  # another process: no signal
    ProductFactory(title="Watering Can", categories=[garden])
    assert result_count(client, "/category/garden") == "0 products"

    kept.STORE_SETTINGS_CACHE_SECONDS = 0  # the copy's seconds are over

    assert result_count(client, "/category/garden") == "1 product"
