"""Manual payment methods at checkout: the store's custom method (title, instructions, fee), Multibanco (entity and
a per-order reference) and MB WAY (the buyer's phone); disabled methods are never offered nor accepted."""

import pytest
from django.core import mail
from django.test import Client

from orders.models import Order
from orders.payments.references import is_valid_multibanco_reference
from orders.services import check_out_cart
from shopplatform.store.models import PaymentMethod
from tests.store.factories import PaymentMethodFactory
from tests.storefront.conftest import DELIVERY_POST

from .conftest import DELIVERY

pytestmark = pytest.mark.django_db

ENTITY = "12345"


@pytest.fixture
def methods(store, settings):
    """The store's custom method (1.50 € fee), Multibanco and MB WAY, enabled, with their instructions."""
    settings.MULTIBANCO_ENTITY = ENTITY
    PaymentMethodFactory(
        method="custom",
        title="Pay at our Porto shop",
        message="Bring the order number to Rua das Flores 10.",
        surcharge_cents=150,
    )
    PaymentMethodFactory(method="multibanco", title="Multibanco", message="Pay at any ATM within 3 days.")
    PaymentMethodFactory(method="mbway", title="MB WAY", message="Accept the request in your MB WAY app.")
    return store


def checkout(client, cart, payment_method):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": payment_method}, format="json")


def test_custom_method_adds_its_fee_as_its_own_amount_and_waits_for_payment(
    customer_client, buyer, methods, make_cart, product, courier
):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    response = checkout(customer_client, cart, "custom")

    body = response.json()
    assert response.status_code == 201
    assert (body["status_alias"], body["paid"]) == ("waiting_payment", False)
    assert (body["payment"]["type"], body["payment"]["fee_cents"], body["payment_fee_cents"]) == ("custom", 150, 150)
    assert body["total_cents"] == 1000 + 500 + 150


def test_custom_method_instructions_are_in_the_confirmation_e_mail(
    buyer, methods, make_cart, product, courier, django_capture_on_commit_callbacks
):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail is sent after commit
        order, _ = check_out_cart(cart=cart, payment_method="custom")

    (message,) = [message for message in mail.outbox if order.email in message.to and "confirmed" in message.subject]
    body = message.body.replace("\xa0", " ")
    assert "Payment: Pay at our Porto shop." in body
    assert "Bring the order number to Rua das Flores 10." in body
    assert "Payment fee: 1,50 €" in body or "Payment fee: €1.50" in body


def test_merchant_marking_a_custom_order_paid_moves_it_on(staff_client, buyer, methods, make_cart, product, courier):
    order, _ = check_out_cart(
        cart=make_cart(buyer, [(product, 1)], shipping_method=courier.public_id), payment_method="custom"
    )

    response = staff_client.patch(f"/api/v1/orders/{order.public_id}", {"paid": True}, format="json")

    assert response.status_code == 200
    assert (response.json()["paid"], response.json()["status_alias"]) == (True, "processing")


def test_multibanco_order_gets_the_entity_and_a_valid_reference(customer_client, buyer, methods, make_cart, product):
    cart = make_cart(buyer, [(product, 1)])

    body = checkout(customer_client, cart, "multibanco").json()

    data = body["payment"]["data"]
    assert (body["status_alias"], data["entity"], data["amount_cents"]) == ("waiting_payment", ENTITY, 1000)
    order = Order.objects.get(public_id=body["id"])
    assert data["reference"].startswith(f"{order.number:07d}")
    assert is_valid_multibanco_reference(entity=ENTITY, reference=data["reference"], amount_cents=1000)


def test_multibanco_references_of_two_orders_differ(customer_client, buyer, methods, make_cart, product):
    first = checkout(customer_client, make_cart(buyer, [(product, 1)]), "multibanco").json()
    second = checkout(customer_client, make_cart(buyer, [(product, 1)]), "multibanco").json()

    assert first["payment"]["data"]["reference"] != second["payment"]["data"]["reference"]


def test_multibanco_is_not_offered_without_an_entity(customer_client, buyer, methods, make_cart, product, settings):
    settings.MULTIBANCO_ENTITY = ""

    response = checkout(customer_client, make_cart(buyer, [(product, 1)]), "multibanco")

    assert response.status_code == 409
    assert response.json()["code"] == "payment_method_unavailable"


def test_mbway_order_records_the_buyers_phone(customer_client, buyer, methods, make_cart, product):
    billing = {**DELIVERY, "phone": "+351 912 345 678"}
    cart = make_cart(buyer, [(product, 1)], billing_address=billing)

    body = checkout(customer_client, cart, "mbway").json()

    assert body["payment"]["data"] == {"phone": "912345678", "amount_cents": 1000}


def test_mbway_without_a_portuguese_mobile_is_refused_and_claims_nothing(
    customer_client, buyer, methods, make_cart, product
):
    cart = make_cart(buyer, [(product, 1)])  # the delivery address has no phone, nor has the customer

    response = checkout(customer_client, cart, "mbway")

    assert response.status_code == 409
    assert (response.json()["code"], response.json()["param"]) == ("payment_method_unavailable", "phone")
    assert not Order.objects.exists()
    product.refresh_from_db()
    assert product.stock_quantity == 5


@pytest.mark.parametrize("method", ["custom", "multibanco", "mbway"])
def test_a_disabled_method_is_refused_with_problem_json(customer_client, buyer, methods, make_cart, product, method):
    PaymentMethod.objects.filter(method=method).update(active=False)

    response = checkout(customer_client, make_cart(buyer, [(product, 1)]), method)

    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "payment_method_unavailable"


def test_store_checkout_offers_only_enabled_methods(methods, product, courier):
    PaymentMethod.objects.filter(method="mbway").update(active=False)
    client = Client()
    client.post(f"/cart/add/{product.slug}", {"quantity": 1})

    page = client.get("/checkout/").content.decode()

    assert 'value="custom"' in page and "Pay at our Porto shop" in page
    assert 'value="multibanco"' in page
    assert 'value="mbway"' not in page


def test_store_checkout_with_the_custom_method_shows_its_instructions_and_fee(methods, product, courier):
    client = Client()
    client.post(f"/cart/add/{product.slug}", {"quantity": 1})

    response = client.post(
        "/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "custom"}, follow=True
    )

    order = Order.objects.get()
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/order/{order.hash}?placed=1"
    assert "Bring the order number to Rua das Flores 10." in page
    assert "Payment fee" in page
    assert order.payment_fee_cents == 150


def test_order_page_of_a_multibanco_order_shows_entity_reference_and_amount(methods, product, courier):
    client = Client()
    client.post(f"/cart/add/{product.slug}", {"quantity": 1})
    client.post("/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "multibanco"})
    order = Order.objects.get()

    page = client.get(f"/order/{order.hash}").content.decode()

    reference = order.payment_data["reference"]
    assert ENTITY in page
    assert f"{reference[:3]} {reference[3:6]} {reference[6:]}" in page
    assert "Pay at any ATM within 3 days." in page
