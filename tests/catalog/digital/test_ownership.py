"""Ownership: a paid, unrefunded order or a claimed free product."""

import pytest

from catalog.digital.ownership import owns_product
from catalog.models import Ownership, ProductStatus
from catalog.services import update_product

from .factories import OrderLineFactory, OwnershipFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_a_paid_order_containing_the_product_makes_its_customer_the_owner(customer_user, owner, product):
    assert owns_product(user=customer_user, product=product)


def test_an_unpaid_order_does_not_make_an_owner(customer_user, buyer, product):
    OrderLineFactory(order__customer=buyer, order__paid=False, order__status="waiting_payment", product=product)

    assert not owns_product(user=customer_user, product=product)


@pytest.mark.parametrize(
    "refund", [{"order__refunded_cents": 999}, {"order__status": "canceled"}, {"order__status": "returned"}]
)
def test_a_refunded_canceled_or_returned_order_revokes_ownership(customer_user, buyer, product, refund):
    OrderLineFactory(order__customer=buyer, product=product, **refund)

    assert not owns_product(user=customer_user, product=product)


def test_another_customers_order_does_not_count(customer_user, buyer, product):
    OrderLineFactory(product=product)

    assert not owns_product(user=customer_user, product=product)


def test_ownership_survives_a_price_change(customer_user, owner, product):
    update_product(product=product, price_cents=4999)

    assert owns_product(user=customer_user, product=product)


def test_a_staff_grant_makes_an_owner(customer_user, buyer, product):
    OwnershipFactory(customer=buyer, product=product, source=Ownership.Source.GRANT)

    assert owns_product(user=customer_user, product=product)


def test_claiming_a_free_product_creates_ownership_once(customer_client, customer_user):
    free = ProductFactory(price_cents=0, is_free=True)

    first = customer_client.post(f"/api/v1/products/{free.public_id}/claim")
    again = customer_client.post(f"/api/v1/products/{free.slug}/claim")

    assert first.status_code == 201
    assert first.json()["product_id"] == free.public_id
    assert first.json()["source"] == "claim"
    assert again.status_code == 200
    assert Ownership.objects.filter(product=free).count() == 1
    assert owns_product(user=customer_user, product=free)


def test_a_claimed_product_stays_owned_when_it_stops_being_free(customer_client, customer_user):
    free = ProductFactory(price_cents=0, is_free=True)
    customer_client.post(f"/api/v1/products/{free.public_id}/claim")

    update_product(product=free, is_free=False, price_cents=500)

    assert owns_product(user=customer_user, product=free)


def test_claiming_a_paid_product_is_409(customer_client, product):
    response = customer_client.post(f"/api/v1/products/{product.public_id}/claim")

    assert response.status_code == 409
    assert response.json()["code"] == "product_not_free"


def test_claiming_needs_shop_write(make_client, customer_user):
    free = ProductFactory(price_cents=0, is_free=True)
    client = make_client(customer_user, scopes="catalog:read")

    response = client.post(f"/api/v1/products/{free.public_id}/claim")

    assert response.status_code == 403
    assert response.json()["param"] == "shop:write"


def test_claiming_a_hidden_product_is_404(customer_client):
    hidden = ProductFactory(price_cents=0, is_free=True, status=ProductStatus.HIDDEN)

    assert customer_client.post(f"/api/v1/products/{hidden.public_id}/claim").status_code == 404


def test_claiming_anonymously_is_401(anonymous_client):
    free = ProductFactory(price_cents=0, is_free=True)

    assert anonymous_client.post(f"/api/v1/products/{free.public_id}/claim").status_code == 401
