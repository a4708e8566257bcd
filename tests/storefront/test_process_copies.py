"""What every store page shows (settings, menus, navigation categories, the category tree) is kept by each process
for STORE_SETTINGS_CACHE_SECONDS and dropped at once when this process writes it (shopplatform.process_copy)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Category, Product, ProductStatus
from shopplatform.accounts.models import Customer
from shopplatform.store.models import MenuItem, Store
from tests.catalog.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db
CHROME = ('FROM "store_menuitem"', 'FROM "catalog_category"', 'FROM "store_store"')


@pytest.fixture
def kept(settings, store):
    settings.STORE_SETTINGS_CACHE_SECONDS = 60
    return settings


def chrome_queries(client, path="/category/kitchen") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries if any(table in query["sql"] for table in CHROME)]


def test_a_second_page_reads_no_settings_menus_or_navigation(client, kept, kitchen):
    first = chrome_queries(client)
    second = chrome_queries(client)

    assert any('FROM "store_menuitem"' in sql for sql in first)
    # Nor the row of the category the page is about (catalog.queries.active_category).
    assert second == []


def test_this_process_sees_its_own_writes_at_once(client, kept, kitchen):
    client.get("/")
    CategoryFactory(title="Garden", slug="garden")  # a top-level category: the navigation shows it
    MenuItem.objects.create(store=Store.load(), menu="primary", text="Our story", type="page", item="about")

    page = client.get("/").content.decode()

    assert "Garden" in page and "Our story" in page


def test_other_processes_writes_show_after_the_seconds(client, kept, kitchen):
    client.get("/")
    Category.objects.filter(pk=kitchen.parent_id).update(title="Household")  # another process: no signal here

    assert "Household" not in client.get("/").content.decode()
    kept.STORE_SETTINGS_CACHE_SECONDS = 0
    assert "Household" in client.get("/").content.decode()


def home_titles(client) -> str:
    return client.get("/").content.decode()


def test_the_home_sections_show_a_product_this_process_adds_at_once(client, kept, kitchen):
    home_titles(client)
    ProductFactory(title="Copper Kettle", featured=True, categories=[kitchen])

    assert "Copper Kettle" in home_titles(client)


def test_a_product_hidden_by_another_process_leaves_the_kept_home_sections(client, kept, kitchen):
    product = ProductFactory(title="Copper Kettle", featured=True, categories=[kitchen])
    assert "Copper Kettle" in home_titles(client)

    Product.objects.filter(pk=product.pk).update(status=ProductStatus.DRAFT)  # another process: no signal here

    assert "Copper Kettle" not in home_titles(client)


def test_the_kept_home_sections_are_the_public_ones_only(client, kept, kitchen, customer_user):
    """A wholesale customer's home page reads its own sections: the kept ones are the public's."""
    ProductFactory(title="Bulk Kettle", featured=True, wholesale_only=True, categories=[kitchen])
    Customer.objects.update_or_create(user=customer_user, defaults={"wholesale": True})
    assert "Bulk Kettle" not in home_titles(client)

    client.force_login(customer_user)

    assert "Bulk Kettle" in home_titles(client)
