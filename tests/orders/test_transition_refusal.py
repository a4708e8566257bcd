"""What a refused status change tells the caller, and the permalink hash's form."""

import re

import pytest

from orders.exceptions import InvalidTransition
from orders.models import Order, OrderStatusChange
from orders.models.orders import ALLOWED_TRANSITIONS, new_order_hash


def test_a_refused_move_names_both_statuses():
    order = Order(status="sent")

    with pytest.raises(InvalidTransition) as refused:
        order.transition_to("canceled")

    assert refused.value.detail == "An order in status 'sent' cannot move to 'canceled'."


def test_a_refused_move_names_the_status_field_and_where_the_order_may_go():
    order = Order(status="sent")

    with pytest.raises(InvalidTransition) as refused:
        order.transition_to("pending")

    assert refused.value.param == "status"
    assert refused.value.context["allowed"] == sorted(ALLOWED_TRANSITIONS["sent"])


def test_a_refused_move_leaves_the_status_alone():
    order = Order(status="delivered")

    with pytest.raises(InvalidTransition):
        order.transition_to("canceled")

    assert order.status == "delivered"


def test_the_permalink_hash_is_forty_hex_characters_and_never_repeats():
    hashes = {new_order_hash() for _ in range(50)}

    assert len(hashes) == 50
    assert all(re.fullmatch(r"[0-9a-f]{40}", value) for value in hashes)


@pytest.mark.parametrize(
    ("from_status", "to_status", "shown"),
    [("", "pending", "— → pending"), ("processing", "sent", "processing → sent")],
    ids=["first", "later"],
)
def test_a_history_row_reads_as_its_move(from_status, to_status, shown):
    assert str(OrderStatusChange(from_status=from_status, to_status=to_status)) == shown
