"""Store pages of the buyer's journey: stock told when adding, downloads without an address, the order number,
the signed order link from the e-mails and the "find my order" form."""

import pytest
from django.core import mail

from orders.links import order_link_token
from orders.models import Cart, Order
from tests.catalog.factories import ProductFactory
from tests.orders.factories import OrderFactory

from .conftest import DELIVERY_POST

pytestmark = pytest.mark.django_db


def add(client, slug: str, **fields):
    return client.post(f"/cart/add/{slug}", {"quantity": 1, **fields}, follow=True)


@pytest.fixture
def poster(store):
    return ProductFactory(title="Poster", slug="poster", price_cents=2200, stock_enabled=True, stock_quantity=3)


@pytest.fixture
def plugin(store):
    return ProductFactory(title="CoolPlugin", slug="coolplugin", price_cents=999, ships=False)


def test_adding_more_than_in_stock_caps_the_line_and_says_so(client, poster):
    page = add(client, "poster", quantity=10).content.decode()

    assert "Only 3 left — quantity set to 3." in page
    assert Cart.objects.get().lines.get().quantity == 3


def test_raising_a_quantity_in_the_cart_past_the_stock_caps_it(client, poster):
    add(client, "poster")
    line = Cart.objects.get().lines.get()

    page = client.post("/cart/", {"update": "1", f"quantity-{line.public_id}": "9"}, follow=True).content.decode()

    assert "Only 3 left — quantity set to 3." in page
    assert Cart.objects.get().lines.get().quantity == 3


def test_cart_warns_before_checkout_when_stock_fell_below_a_line(client, poster):
    add(client, "poster", quantity=3)
    poster.stock_quantity = 1
    poster.save()

    page = client.get("/cart/").content.decode()

    assert "Only 1 of Poster left — lower the quantity to 1 to check out." in page


def test_product_page_of_a_download_has_no_quantity_box(client, plugin):
    page = client.get("/product/coolplugin").content.decode()

    assert 'id="quantity"' not in page
    assert '<input type="hidden" name="quantity" value="1">' in page


def test_checkout_of_downloads_asks_no_address_and_offers_no_delivery_payment(client, plugin):
    add(client, "coolplugin")

    page = client.get("/checkout/").content.decode()

    assert 'name="address"' not in page and 'name="shipping_method"' not in page
    assert 'value="bank_transfer"' in page
    assert 'value="on_delivery"' not in page and 'value="pick_up"' not in page


def test_checkout_of_downloads_places_the_order_with_name_and_e_mail_only(client, plugin):
    add(client, "coolplugin")

    response = client.post(
        "/checkout/", {"email": "ana@example.test", "name": "Ana", "payment_method": "bank_transfer"}, follow=True
    )

    order = Order.objects.get()
    assert (order.total_cents, order.client["delivery"]) == (999, None)
    assert "Your downloads" in response.content.decode()


def test_confirmation_page_shows_the_order_number_and_the_country_name(client, poster, courier):
    add(client, "poster")

    page = client.post(
        "/checkout/",
        {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "bank_transfer"},
        follow=True,
    ).content.decode()

    order = Order.objects.get()
    assert f"Your order number is <strong>#{order.number}</strong>" in page
    assert "Portugal" in page


def test_signed_link_opens_the_order_page(client, store):
    order = OrderFactory()

    response = client.get(f"/order/view/{order_link_token(order)}")

    assert response.status_code == 200
    assert f"Order #{order.number}" in response.content.decode()


def test_a_tampered_order_link_is_404(client, store):
    order = OrderFactory()
    token = order_link_token(order)

    response = client.get(f"/order/view/{token[:-2]}xx")

    assert response.status_code == 404
    assert "This order link is not valid" in response.content.decode()


@pytest.mark.parametrize("path", ["/track", "/order/"])
def test_find_my_order_form_answers_at_track_and_order(client, store, path):
    response = client.get(path)

    assert response.status_code == 200
    assert 'name="number"' in response.content.decode()


def test_find_my_order_e_mails_the_signed_link_to_the_order_address(client, store, django_capture_on_commit_callbacks):
    order = OrderFactory(email="ana@example.test")

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/track", {"email": "Ana@Example.test", "number": f"#{order.number}"}).content.decode()

    (message,) = mail.outbox
    assert message.to == ["ana@example.test"]
    assert "/order/view/" in message.body
    assert "we have just e-mailed its link" in page


def test_find_my_order_with_a_wrong_e_mail_sends_nothing_and_answers_the_same(
    client, store, django_capture_on_commit_callbacks
):
    order = OrderFactory(email="ana@example.test")

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/track", {"email": "eve@example.test", "number": str(order.number)}).content.decode()

    assert mail.outbox == []
    assert "we have just e-mailed its link" in page


def test_find_my_order_sends_one_link_per_order_however_often_it_is_asked(
    client, store, django_capture_on_commit_callbacks
):
    order = OrderFactory(email="ana@example.test")

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post("/track", {"email": "ana@example.test", "number": str(order.number)})

    assert len(mail.outbox) == 1
