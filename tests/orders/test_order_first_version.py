"""An order's first version (its change history) is copied by the database from the order just inserted
(shopplatform/history.py): the same version simple_history writes from Python, with its author."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.models import Order
from shopplatform.history import insert_with_first_version

from .factories import OrderFactory, RegisteredCustomerFactory

pytestmark = pytest.mark.django_db

# What a version holds besides the order's tracked fields, and which of them differ between two orders by nature.
OWN_FIELDS = {"history_id", "history_date"}
PER_ORDER = {"id", "public_id", "number", "created_at", "updated_at"}


def version_fields(version) -> dict:
    return {
        field.attname: getattr(version, field.attname)
        for field in version._meta.concrete_fields
        if field.attname not in OWN_FIELDS
    }


def tracked_values(order: Order) -> dict:
    return {field.attname: getattr(order, field.attname) for field in Order.history.model.tracked_fields}


def test_checkout_outside_a_request_writes_one_first_version_without_an_author(place_order):
    order = place_order()

    versions = list(order.history.all())

    assert version_fields(versions[0]) == {
        **tracked_values(Order.objects.get(pk=order.pk)),
        "history_type": "+",
        "history_change_reason": None,
        "history_user_id": None,
    }
    assert len(versions) == 1


def test_checkout_through_the_api_names_the_signed_in_buyer(customer_client, customer_user, buyer, make_cart, product):
    cart = make_cart(buyer, [(product, 1)])

    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "bank_transfer"}, format="json"
    )

    assert response.status_code == 201, response.json()
    order = Order.objects.get(public_id=response.json()["id"])
    (version,) = order.history.all()
    assert (version.history_type, version.history_user_id) == ("+", customer_user.pk)
    assert version_fields(version) == {
        **tracked_values(order),
        "history_type": "+",
        "history_change_reason": None,
        "history_user_id": customer_user.pk,
    }


def test_the_copied_version_equals_the_one_simple_history_builds():
    author = get_user_model().objects.create_user(username="author", email="author@example.com")
    customer = RegisteredCustomerFactory()
    by_simple_history, copied = (
        OrderFactory.build(customer=customer, total_cents=1234, client_note="Ring twice", coupon_code="SUMMER")
        for _ in range(2)
    )
    for order in (by_simple_history, copied):
        order._history_user, order._change_reason = author, "Placed by phone."

    by_simple_history.save(force_insert=True)
    insert_with_first_version(copied)

    expected, got = (version_fields(order.history.get()) for order in (by_simple_history, copied))
    assert got["history_user_id"] == author.pk
    assert got["history_change_reason"] == "Placed by phone."
    assert {name: value for name, value in got.items() if name not in PER_ORDER} == {
        name: value for name, value in expected.items() if name not in PER_ORDER
    }
    assert {name: got[name] for name in PER_ORDER} == {name: getattr(copied, name) for name in PER_ORDER}


def test_later_saves_still_write_their_versions_as_simple_history_does():
    order = OrderFactory.build(customer=RegisteredCustomerFactory())
    insert_with_first_version(order)

    order.status = "sent"
    order.save()

    assert list(order.history.order_by("history_id").values_list("history_type", "status")) == [
        ("+", "processing"),
        ("~", "sent"),
    ]


@pytest.mark.postgres
def test_on_postgresql_the_order_and_its_first_version_are_one_statement():
    order = OrderFactory.build(customer=RegisteredCustomerFactory(), total_cents=500)

    with CaptureQueriesContext(connection) as queries:
        insert_with_first_version(order)

    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 1, statements
    assert statements[0].startswith(f'WITH inserted AS (INSERT INTO "{Order._meta.db_table}"')
    assert Order.objects.filter(pk=order.pk).exists()
    assert list(order.history.values_list("id", "history_type", "total_cents")) == [(order.pk, "+", 500)]
