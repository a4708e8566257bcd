"""Stored representations written ahead of reads (catalog.prerender), and the page query that reads them.

A refreshed body is the one the next anonymous request would have rendered: the request then reads it without
rendering. Refreshing needs the links' base to be known outside a request, as production sets it (SITE_URL).
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from catalog.api.views import PLAIN_ORDERINGS
from catalog.documents.read import ANONYMOUS, page
from catalog.filters import ProductFilter
from catalog.models import Product, ProductDocument
from catalog.prerender import due_products, refresh_documents
from catalog.queries import visible_products
from shopplatform.celery import app

from .factories import ProductFactory, ProductImageFactory, VariantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("store_settings")]
SITE = override_settings(SITE_URL="https://shop.example")


@pytest.fixture
def catalog() -> list[Product]:
    products = [ProductFactory(title=f"Bowl {number}") for number in range(3)]
    ProductImageFactory(product=products[0])
    VariantFactory(product=products[1])
    return products


@SITE
def test_refresh_stores_what_the_next_request_serves_without_rendering(
    anonymous_client, catalog, django_assert_num_queries
):
    hidden = ProductFactory(status="draft")

    assert refresh_documents() == 3
    assert set(ProductDocument.objects.values_list("product_id", flat=True)) == {product.pk for product in catalog}
    assert hidden.pk not in due_products()

    anonymous_client.get("/api/v1/products/none")  # the first response builds the OpenAPI validator: not counted
    cache.clear()
    with django_assert_num_queries(3):  # store row, count, page of keys with their stored bodies: nothing rendered
        listing = anonymous_client.get("/api/v1/products")
    with override_settings(PRODUCT_DOCUMENTS=False):
        assert anonymous_client.get("/api/v1/products").content == listing.content


@SITE
def test_a_write_makes_its_product_due_and_the_next_refresh_writes_only_it(anonymous_client, catalog):
    refresh_documents()
    assert due_products() == []
    Product.objects.filter(pk=catalog[2].pk).update(title="Renamed")  # no signal: the trigger raises the version

    assert due_products() == [catalog[2].pk]
    assert refresh_documents() == 1
    assert refresh_documents() == 0
    stored = ProductDocument.objects.get(product=catalog[2])
    assert stored.version == Product.objects.get(pk=catalog[2].pk).doc_version
    assert "Renamed" in stored.body


@SITE
def test_a_new_site_url_makes_every_product_due(catalog):
    refresh_documents()
    with override_settings(SITE_URL="https://moved.example"):
        assert sorted(due_products()) == sorted(product.pk for product in catalog)


@SITE
def test_the_command_reports_what_it_wrote(catalog, capsys):
    call_command("refresh_product_documents")
    call_command("refresh_product_documents")
    assert capsys.readouterr().out.splitlines() == [
        "3 product representations written",
        "0 product representations written",
    ]


def test_the_beat_schedule_runs_a_registered_refresh_task():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-product-documents"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks and entry["schedule"] <= 60


@pytest.mark.postgres
@pytest.mark.parametrize("ordering", sorted(PLAIN_ORDERINGS))
def test_an_anonymous_page_of_every_ordering_is_an_index_only_scan(catalog, ordering):
    """A deep OFFSET then skips index entries, not table rows (125 ms → 1 ms at offset 7,500 of 20,000)."""
    products = ProductFilter.base_filters["ordering"].filter(visible_products(ANONYMOUS), [ordering])
    with connection.cursor() as cursor:
        for method in ("seqscan", "bitmapscan", "sort"):  # a table this small would otherwise be read whole
            cursor.execute(f"SET LOCAL enable_{method} = off")
        sql, params = page(products)[7475:7500].query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan" in plan and "product_public_" in plan, plan
