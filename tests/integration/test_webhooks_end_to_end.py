"""Webhooks end to end: real domain services emit events, a real Celery worker delivers them signed.

A product update (catalog.services), an order status change (orders workflow service) and a wallet transfer
(wallet.services.transfer_funds) each commit their outbox event; the worker subprocess POSTs the deliveries to a
loopback receiver, whose X-Shop-Signature (HMAC-SHA256 of "t.raw_body") and Standard Webhooks signature are
verified with the endpoint secret. The worker and the receiver come from the webhooks tests' own helpers.
"""

import json

import pytest

from catalog.services import update_product
from orders.services import change_order_status, check_out_cart, create_cart
from shopplatform.store.models import PaymentMethod, Store
from tests.accounts.factories import RegisteredCustomerFactory
from tests.catalog.factories import ProductFactory
from tests.celery_worker import running_worker
from tests.webhooks.conftest import Receiver, verify_shop_signature_by_hand, verify_standard_webhooks
from wallet.services import credit_wallet, transfer_funds, wallet_for_customer
from webhooks.services import create_endpoint

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT_SECONDS = 90
WANTED = {"product.updated", "order.status_changed", "wallet.transfer.succeeded"}
ADDRESS = {"name": "Ana Silva", "address": "Rua Augusta 1", "city": "Lisboa", "country_code": "PRT"}


@pytest.fixture
def receiver(settings):
    """A loopback receiver the endpoint may point at (SHOP_ALLOW_PRIVATE_URLS in this process too)."""
    settings.SHOP_ALLOW_PRIVATE_URLS = True
    with Receiver() as server:
        yield server


@pytest.fixture
def worker_queue(settings):
    """A real worker subprocess on its own queue; webhook deliveries are routed to it; always terminated."""
    with running_worker(env={"SHOP_ALLOW_PRIVATE_URLS": "true"}) as (_, queue):
        settings.WEBHOOK_QUEUE = queue
        yield queue


@pytest.fixture
def placed_order(db):
    """A bank-transfer order placed through checkout, waiting for payment."""
    store = Store.load()
    PaymentMethod.objects.create(store=store, method="bank_transfer", title="Bank transfer")
    product = ProductFactory(price_cents=1500, stock_enabled=True, stock_quantity=3)
    cart = create_cart(
        customer=RegisteredCustomerFactory(),
        lines=[{"product": product.public_id, "quantity": 1}],
        delivery_address=ADDRESS,
    )
    order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")
    return order


@pytest.fixture
def funded_sender(db):
    sender = RegisteredCustomerFactory()
    credit_wallet(wallet=wallet_for_customer(customer=sender), amount_cents=5000, note="funds")
    return sender


def delivered_by_type(receiver: Receiver) -> dict:
    """The first request received for each wanted event type, once all arrived (bounded wait)."""

    def arrived() -> dict:
        found = {}
        for request in receiver.requests:
            found.setdefault(request.headers.get("X-Shop-Event"), request)
        return found

    with receiver.received:
        receiver.received.wait_for(lambda: set(arrived()) >= WANTED, timeout=DELIVERY_TIMEOUT_SECONDS)
        return {event_type: request for event_type, request in arrived().items() if event_type in WANTED}


def test_domain_services_events_reach_the_receiver_signed(
    receiver, worker_queue, staff_user, placed_order, funded_sender
):
    """Product.updated, order.status_changed and wallet.transfer.succeeded, both signatures valid."""
    product = ProductFactory(title="Chair")
    recipient = RegisteredCustomerFactory()
    endpoint = create_endpoint(owner=staff_user, url=receiver.url("/hook"), events=[])
    receiver.secret = endpoint.secret

    update_product(product=product, title="Oak chair")
    change_order_status(order=placed_order, status="processing")
    transfer = transfer_funds(sender=funded_sender, to=recipient.email, amount_cents=1250)

    requests = delivered_by_type(receiver)
    assert set(requests) == WANTED
    for request in requests.values():
        headers = {name.lower(): value for name, value in request.headers.items()}
        assert verify_shop_signature_by_hand(endpoint.secret, headers["x-shop-signature"], request.body)
        assert verify_standard_webhooks(endpoint.secret, headers, request.body)
    objects = {event_type: json.loads(request.body)["data"]["object"] for event_type, request in requests.items()}
    assert objects["product.updated"]["id"] == product.public_id
    assert (objects["order.status_changed"]["id"], objects["order.status_changed"]["status_alias"]) == (
        placed_order.public_id,
        "processing",
    )
    assert objects["wallet.transfer.succeeded"]["id"] == transfer.public_id
