"""What cancelling a paid order gives back, exactly (orders/services/workflow.py, written against its mutation run,
docs/testing.md): the last cent of the money left, recorded with who did it and why; nothing when nothing is left;
the stock of the very variant each line took, once."""

import pytest

from catalog.models import Variant
from catalog.services import delete_product
from orders.models import Order, Refund
from orders.services import add_cart_line, change_order_status, check_out_cart, refund_order
from tests.factories import ProductFactory, VariantFactory
from webhooks.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def wallet_order(place_order, fund, buyer):
    fund(buyer, 100_00)
    return place_order("wallet", customer=buyer)


def test_cancelling_refunds_the_last_cent_left_with_who_and_why(wallet_order, admin_user):
    refund_order(order=wallet_order, amount_cents=wallet_order.total_cents - 1)

    change_order_status(order=wallet_order, status="canceled", changed_by=admin_user)

    last = Refund.objects.filter(order=wallet_order).latest("pk")
    assert (last.amount_cents, last.created_by, last.reason) == (
        1,
        admin_user,
        f"Refund of canceled order {wallet_order.public_id}",
    )
    wallet_order.refresh_from_db()
    assert wallet_order.refunded_cents == wallet_order.total_cents


def test_cancelling_a_fully_refunded_order_refunds_nothing_more(wallet_order):
    refund_order(order=wallet_order, amount_cents=wallet_order.total_cents)
    Event.objects.all().delete()

    change_order_status(order=wallet_order, status="canceled")

    assert Refund.objects.filter(order=wallet_order).count() == 1
    assert "order.payment_changed" not in set(Event.objects.values_list("type", flat=True))


def test_cancelling_gives_the_stock_back_to_the_variant_each_line_took_once(make_cart, courier):
    product = ProductFactory(price_cents=1000, stock_enabled=True, stock_quantity=0)
    small, large = VariantFactory(product=product, stock_quantity=4), VariantFactory(product=product, stock_quantity=6)
    cart = make_cart(None, [], shipping_method=courier.public_id)
    add_cart_line(cart=cart, product=product.public_id, variant=large.public_id, quantity=2)
    order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")

    assert Variant.objects.get(pk=large.pk).stock_quantity == 4
    change_order_status(order=order, status="canceled")

    assert Variant.objects.get(pk=large.pk).stock_quantity == 6
    assert Variant.objects.get(pk=small.pk).stock_quantity == 4
    assert Order.objects.get(pk=order.pk).stock_released is True


def test_cancelling_an_order_whose_product_was_deleted_gives_back_the_rest(place_order, product):
    order = place_order("bank_transfer", quantity=2)
    other = ProductFactory(stock_enabled=True, stock_quantity=1)
    delete_product(product=product)

    change_order_status(order=order, status="canceled")

    order.refresh_from_db()
    assert (order.status, order.stock_released) == ("canceled", True)
    assert type(other).objects.get(pk=other.pk).stock_quantity == 1
