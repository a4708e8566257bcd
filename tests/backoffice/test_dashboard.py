"""The admin home is a dashboard: sales of today / 7 / 30 days, orders waiting, low stock, best sellers, reviews and
failing endpoints, each linking to the list it counts, read with a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import Order
from shopplatform.backoffice.dashboard import queries
from shopplatform.store.models import Store
from tests.factories import (
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ReviewFactory,
    VariantFactory,
    WebhookEndpointFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_store():
    store = Store.load()
    store.locale = "en_US"
    store.save()


def order_placed(days_ago: int = 0, total_cents: int = 2400, **fields) -> Order:
    order = OrderFactory(total_cents=total_cents, **fields)
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return order


@pytest.fixture
def month_of_orders():
    order_placed(0)
    order_placed(0)
    order_placed(0, status="canceled")  # not a sale
    order_placed(3, total_cents=1000, status="waiting_payment", paid=False)
    order_placed(20, total_cents=500, status="delivered")
    order_placed(45, total_cents=9900, status="delivered")  # before the 30 days


def figures(response) -> dict:
    return response.context["dashboard"]


def test_dashboard_sums_sales_of_today_7_and_30_days(admin_client, month_of_orders):
    response = admin_client.get("/admin/")

    periods = {period["name"]: (period["orders"], period["sales"]) for period in figures(response)["periods"]}
    assert periods == {"today": (2, "€48.00"), "7 days": (3, "€58.00"), "30 days": (4, "€63.00")}


def test_sales_figure_links_to_the_orders_it_counts(admin_client, month_of_orders):
    today = figures(admin_client.get("/admin/"))["periods"][0]

    listed = admin_client.get(today["href"])

    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 2


def test_dashboard_counts_orders_waiting_for_action(admin_client):
    order_placed(status="pending")
    order_placed(status="processing")
    order_placed(status="waiting_shipment")
    order_placed(status="waiting_payment", paid=False)
    order_placed(status="sent")

    waiting = {figure["label"]: figure["count"] for figure in figures(admin_client.get("/admin/"))["waiting"]}

    assert waiting == {"new": 1, "to fulfil": 2, "awaiting payment": 1}


def test_orders_to_fulfil_link_lists_them(admin_client):
    order_placed(status="processing")
    order_placed(status="waiting_shipment")
    order_placed(status="sent")
    to_fulfil = next(
        figure for figure in figures(admin_client.get("/admin/"))["waiting"] if figure["label"] == "to fulfil"
    )

    listed = admin_client.get(to_fulfil["href"])

    assert listed.context["cl"].result_count == 2


def test_low_stock_lists_products_and_variants_at_or_below_their_threshold(admin_client):
    ProductFactory(title="Mug", stock_enabled=True, stock_quantity=2, stock_notify=3)
    ProductFactory(title="Plenty", stock_enabled=True, stock_quantity=50, stock_notify=3)
    ProductFactory(title="Untracked", stock_enabled=False, stock_quantity=0)
    shirt = ProductFactory(title="Shirt", stock_enabled=True, stock_quantity=0, stock_notify=1)
    VariantFactory(product=shirt, title="M", stock_quantity=0)
    VariantFactory(product=shirt, title="L", stock_quantity=9)

    rows = figures(admin_client.get("/admin/"))["low_stock"]["rows"]

    assert [(row["title"], row["quantity"]) for row in rows] == [("Shirt / M", 0), ("Mug", 2)]


def test_best_sellers_rank_products_by_units_sold_in_30_days(admin_client):
    mug, shirt = ProductFactory(title="Mug", price_cents=800), ProductFactory(title="Shirt", price_cents=2000)
    OrderLineFactory(product=mug, quantity=3, total_cents=2400)
    OrderLineFactory(product=mug, quantity=2, total_cents=1600)
    OrderLineFactory(product=shirt, quantity=1, total_cents=2000)
    OrderLineFactory(product=shirt, quantity=9, order__status="canceled")

    rows = figures(admin_client.get("/admin/"))["best_sellers"]["rows"]

    assert [(row["title"], row["quantity"], row["sales"]) for row in rows] == [
        ("Mug", 5, "€40.00"),
        ("Shirt", 1, "€20.00"),
    ]


def test_dashboard_shows_recent_reviews_and_failing_endpoints(admin_client):
    ReviewFactory(product=ProductFactory(title="Mug"), rating=5)
    WebhookEndpointFactory(failing_since=timezone.now() - timedelta(hours=2))
    WebhookEndpointFactory()

    response = admin_client.get("/admin/")

    assert [row["product"] for row in figures(response)["reviews"]["rows"]] == ["Mug"]
    assert figures(response)["webhooks"]["count"] == 1
    assert admin_client.get(figures(response)["webhooks"]["href"]).context["cl"].result_count == 1


def test_dashboard_page_renders_the_figures(admin_client, month_of_orders):
    html = admin_client.get("/admin/").content.decode()

    assert "€48.00" in html
    assert 'data-type="bar"' in html


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/").status_code == 200
    return len(captured.captured_queries)


def test_dashboard_query_count_does_not_grow_with_the_data(admin_client):
    OrderLineFactory()
    ReviewFactory()
    few = dashboard_queries(admin_client)
    for days_ago in range(12):
        OrderLineFactory(order=order_placed(days_ago), quantity=2)
        ReviewFactory()
        WebhookEndpointFactory(failing_since=timezone.now())
        ProductFactory(stock_enabled=True, stock_quantity=0)

    # session, user, store settings, then one query per panel (two for low stock and for endpoints)
    assert dashboard_queries(admin_client) == few == 12


def test_daily_sales_has_one_entry_per_day_oldest_first():
    order_placed(0, total_cents=700)

    days = queries.daily_sales("EUR", days=3)

    assert [(orders, sales) for _, orders, sales in days] == [(0, 0), (0, 0), (1, 700)]
