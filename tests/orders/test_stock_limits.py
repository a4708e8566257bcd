"""Stock told when a line is added or changed: the API refuses more than is left with 409 and `available`."""

import pytest

from orders.models import CartLine
from orders.services import add_cart_line, create_cart

from .factories import ProductFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/carts"


@pytest.fixture
def poster(store):
    return ProductFactory(title="Poster", price_cents=2200, stock_enabled=True, stock_quantity=3)


def test_adding_more_than_is_in_stock_is_409_with_the_available_quantity(customer_client, poster):
    response = customer_client.post(URL, {"lines": [{"product": poster.public_id, "quantity": 10}]}, format="json")

    body = response.json()
    assert response.status_code == 409
    assert (body["code"], body["available"], body["param"]) == ("insufficient_stock", 3, "quantity")
    assert "Only 3 of Poster left" in body["detail"]


def test_adding_to_a_line_counts_the_units_already_in_it(customer_client, buyer, poster):
    cart = create_cart(customer=buyer, lines=[{"product": poster.public_id, "quantity": 2}])

    response = customer_client.post(
        f"{URL}/{cart.public_id}/lines", {"product": poster.public_id, "quantity": 2}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["available"] == 3
    assert CartLine.objects.get(cart=cart).quantity == 2


def test_raising_a_line_past_the_stock_is_409(customer_client, buyer, poster):
    cart = create_cart(customer=buyer, lines=[{"product": poster.public_id, "quantity": 1}])
    line = cart.lines.get()

    response = customer_client.patch(f"{URL}/{cart.public_id}/lines/{line.public_id}", {"quantity": 4}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "insufficient_stock"


def test_a_sold_out_product_is_409_with_nothing_available(customer_client, store):
    sold_out = ProductFactory(stock_enabled=True, stock_quantity=0)

    response = customer_client.post(URL, {"lines": [{"product": sold_out.public_id, "quantity": 1}]}, format="json")

    assert (response.status_code, response.json()["available"]) == (409, 0)


def test_backorder_products_take_any_quantity(customer_client, store):
    backorder = ProductFactory(stock_enabled=True, stock_quantity=1, stock_backorder=True)

    response = customer_client.post(URL, {"lines": [{"product": backorder.public_id, "quantity": 7}]}, format="json")

    assert response.status_code == 201


def test_capping_sets_the_line_to_the_stock_and_keeps_what_was_asked(buyer, poster):
    cart = create_cart(customer=buyer)

    line = add_cart_line(cart=cart, product=poster.public_id, quantity=10, up_to_stock=True)

    assert (line.quantity, line.requested_quantity) == (3, 10)
    assert CartLine.objects.get(pk=line.pk).quantity == 3
