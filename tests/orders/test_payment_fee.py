"""Cash-on-delivery surcharge (the store's `on_delivery` method): the store method's `surcharge_cents` is a
separate, untaxed `payment_fee_cents` in cart and order totals, only when paying on delivery."""

import pytest

from shopplatform.store.models import PaymentMethod

pytestmark = pytest.mark.django_db

SURCHARGE_CENTS = 250


@pytest.fixture(autouse=True)
def surcharge(store):
    PaymentMethod.objects.filter(method="on_delivery").update(surcharge_cents=SURCHARGE_CENTS)


def checkout(client, cart, payment_method):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": payment_method}, format="json")


def test_on_delivery_order_carries_the_surcharge_as_payment_fee(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart, "on_delivery").json()

    assert (body["payment_fee_cents"], body["payment"]["fee_cents"]) == (SURCHARGE_CENTS, SURCHARGE_CENTS)
    assert body["total_cents"] == 2000 + 500 + SURCHARGE_CENTS


def test_payment_fee_is_not_taxed(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart, "on_delivery").json()

    assert body["total_tax_cents"] == 374


def test_other_payment_methods_carry_no_fee(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart, "bank_transfer").json()

    assert (body["payment_fee_cents"], body["total_cents"]) == (0, 2500)


def test_cart_totals_show_the_fee_of_the_chosen_payment_method(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    body = customer_client.patch(f"/api/v1/carts/{cart.public_id}", {"payment_method": "on_delivery"}, format="json")

    assert body.json()["payment_method"] == "on_delivery"
    assert (body.json()["totals"]["payment_fee_cents"], body.json()["totals"]["total_cents"]) == (250, 2750)


def test_clearing_the_cart_payment_method_drops_the_fee(customer_client, buyer, make_cart, product):
    cart = make_cart(buyer, [(product, 1)], payment_method="on_delivery")

    body = customer_client.patch(f"/api/v1/carts/{cart.public_id}", {"payment_method": None}, format="json").json()

    assert (body["payment_method"], body["totals"]["payment_fee_cents"]) == (None, 0)


def test_unknown_cart_payment_method_is_400(customer_client, buyer, make_cart, product):
    cart = make_cart(buyer, [(product, 1)])

    response = customer_client.patch(f"/api/v1/carts/{cart.public_id}", {"payment_method": "barter"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "payment_method"


def test_inactive_on_delivery_method_adds_no_fee_to_the_cart(customer_client, buyer, make_cart, product):
    PaymentMethod.objects.filter(method="on_delivery").update(active=False)
    cart = make_cart(buyer, [(product, 1)], payment_method="on_delivery")

    body = customer_client.get(f"/api/v1/carts/{cart.public_id}").json()

    assert body["totals"]["payment_fee_cents"] == 0
