"""Change history of products, orders, coupons and the store settings: every save is a version, with who made an
admin edit, listed on the row's History page; an order's personal data stays out of it."""

import pytest
from django.urls import reverse

from orders.models import Coupon, Order
from tests.factories import OrderFactory, ProductFactory

pytestmark = pytest.mark.django_db


def coupon_form(**changes) -> dict:
    return {"code": "SUMMER", "type": "percent", "value": "10", "applies_to": "all_orders", "limit": "0", **changes}


def test_admin_edit_of_a_coupon_is_a_version_naming_the_editor(admin_client, admin_user):
    admin_client.post(reverse("admin:orders_coupon_add"), coupon_form())
    coupon = Coupon.objects.get(code="SUMMER")

    edited = admin_client.post(reverse("admin:orders_coupon_change", args=[coupon.pk]), coupon_form(value="15"))

    assert edited.status_code == 302
    versions = list(coupon.history.order_by("history_id").values_list("value", "history_type", "history_user"))
    assert versions == [(10, "+", admin_user.pk), (15, "~", admin_user.pk)]


def test_history_page_lists_the_versions_and_what_changed(admin_client):
    admin_client.post(reverse("admin:orders_coupon_add"), coupon_form())
    coupon = Coupon.objects.get(code="SUMMER")
    admin_client.post(reverse("admin:orders_coupon_change", args=[coupon.pk]), coupon_form(value="15"))

    page = admin_client.get(reverse("admin:orders_coupon_history", args=[coupon.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "admin" in html
    assert "Value" in html or "value" in html
    assert page.context["page_obj"].paginator.count == 2


@pytest.mark.parametrize(
    ("url_name", "make_row"),
    [
        ("admin:catalog_product_history", lambda: ProductFactory()),
        ("admin:orders_order_history", lambda: OrderFactory()),
        ("admin:store_store_history", lambda: __import__("shopplatform.store.models").store.models.Store.load()),
    ],
)
def test_history_pages_of_products_orders_and_store_settings_open(admin_client, url_name, make_row):
    row = make_row()

    assert admin_client.get(reverse(url_name, args=[row.pk])).status_code == 200


def test_order_history_keeps_no_personal_data():
    order = OrderFactory(client={"name": "Ana", "delivery": {"address": "Rua 1"}})
    Order.objects.get(pk=order.pk).save()

    version = order.history.latest("history_id")

    assert not hasattr(version, "email")
    assert not hasattr(version, "client")
    assert version.total_cents == order.total_cents


def test_revert_is_not_offered(admin_client):
    product = ProductFactory()
    version = product.history.latest("history_id")

    page = admin_client.get(reverse("admin:catalog_product_simple_history", args=[product.pk, version.history_id]))

    assert 'name="_save"' not in page.content.decode()


@pytest.mark.postgres
def test_an_orders_versions_are_indexed_only_for_how_they_are_read():
    """Read by the order's id (its History page, newest first) and by author; the order table's own search indexes
    (number, status, coupon, customer…) are not copied: each order placed or changed wrote into all sixteen."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(attribute.attname ORDER BY attribute.attname) FROM pg_index AS entry "
            "JOIN pg_attribute AS attribute ON attribute.attrelid = entry.indrelid "
            "AND attribute.attnum = ANY(entry.indkey) "
            "WHERE entry.indrelid = 'backoffice_historicalorder'::regclass GROUP BY entry.indexrelid"
        )
        indexed = sorted(tuple(columns) for (columns,) in cursor.fetchall())

    assert indexed == [("history_date",), ("history_id",), ("history_user_id",), ("id",)]
