"""The order workflow table, written out here by hand so that a move added to or dropped from the code fails.

Deriving the illegal moves from `ALLOWED_TRANSITIONS` (as a parametrised test may) cannot catch a wrong entry in
it; this table is the one to change, on purpose, together with the code.
"""

import pytest

from catalog.models import Product
from orders.exceptions import InvalidTransition
from orders.models import ALLOWED_TRANSITIONS, Order
from orders.services import change_order_status
from tests.accounts.factories import RegisteredCustomerFactory
from wallet.models import LedgerEntry
from wallet.services import wallet_for_customer

# Each of the 11 statuses with the statuses an order in it may move to.
WORKFLOW = {
    "pending": {
        "processing",
        "waiting_confirmation",
        "waiting_payment",
        "waiting_stock",
        "waiting_shipment",
        "pickup_available",
        "sent",
        "canceled",
    },
    "waiting_confirmation": {"pending", "processing", "waiting_payment", "canceled"},
    "waiting_payment": {"pending", "processing", "canceled"},
    "waiting_stock": {"processing", "waiting_shipment", "canceled"},
    "processing": {"waiting_stock", "waiting_shipment", "pickup_available", "sent", "canceled"},
    "waiting_shipment": {"processing", "sent", "canceled"},
    "pickup_available": {"delivered", "canceled"},
    "sent": {"delivered", "returned"},
    "delivered": {"returned"},
    "returned": set(),
    "canceled": set(),
}


def test_allowed_transitions_match_the_workflow_table():
    actual = {str(source): {str(target) for target in targets} for source, targets in ALLOWED_TRANSITIONS.items()}

    assert actual == WORKFLOW


@pytest.mark.parametrize(
    ("source", "target"),
    [("sent", "canceled"), ("delivered", "canceled"), ("canceled", "pending"), ("returned", "sent")],
)
def test_model_refuses_moves_back_out_of_shipping_or_an_end_state(source, target):
    order = Order(status=source)

    with pytest.raises(InvalidTransition):
        order.transition_to(target)


@pytest.fixture
def sent_wallet_order(place_order, fund):
    """A wallet-paid order of one unit, shipped; the wallet holds what is left after paying."""
    customer = RegisteredCustomerFactory()
    fund(customer, 10_000)
    order = place_order("wallet", customer=customer)
    return change_order_status(order=order, status="sent")


def _money_and_stock(order: Order, product: Product) -> tuple:
    wallet = wallet_for_customer(customer=order.customer)
    return (
        wallet.balance_cents,
        LedgerEntry.objects.filter(wallet=wallet).count(),
        Product.objects.get(pk=product.pk).stock_quantity,
    )


@pytest.mark.django_db
def test_canceling_a_sent_order_through_the_service_is_refused_and_refunds_nothing(sent_wallet_order, product):
    before = _money_and_stock(sent_wallet_order, product)

    with pytest.raises(InvalidTransition):
        change_order_status(order=sent_wallet_order, status="canceled")

    order = Order.objects.get(pk=sent_wallet_order.pk)
    assert (order.status, order.refunded_cents, order.stock_released) == ("sent", 0, False)
    assert _money_and_stock(order, product) == before


@pytest.mark.django_db
def test_canceling_a_sent_order_over_the_api_is_409_and_refunds_nothing(staff_client, sent_wallet_order, product):
    before = _money_and_stock(sent_wallet_order, product)

    response = staff_client.patch(
        f"/api/v1/orders/{sent_wallet_order.public_id}", {"status_alias": "canceled"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    order = Order.objects.get(pk=sent_wallet_order.pk)
    assert (order.status, order.refunded_cents, order.stock_released) == ("sent", 0, False)
    assert _money_and_stock(order, product) == before
