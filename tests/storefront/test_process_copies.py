"""What every store page shows (settings, menus, navigation categories, the category tree) is kept by each process
for STORE_SETTINGS_CACHE_SECONDS and dropped at once when this process writes it (shopplatform.process_copy)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Category
from shopplatform.store.models import MenuItem, Store
from tests.catalog.factories import CategoryFactory

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
    # The category the page is about is still read (its page shows all of it); the chrome is not.
    assert second == [
        sql for sql in second if 'WHERE ("catalog_category"."active" AND "catalog_category"."slug"' in sql
    ]


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
