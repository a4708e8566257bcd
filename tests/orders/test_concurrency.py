"""Parallel checkouts on PostgreSQL: never oversell, never exceed a coupon limit, one order per cart."""

import threading

import pytest
from django.db import connection

from catalog.models import Product
from orders.models import Coupon, Order
from orders.services import check_out_cart, create_cart
from shopplatform.errors import ShopError
from tests.accounts.factories import RegisteredCustomerFactory

from .conftest import DELIVERY
from .factories import CouponFactory, ProductFactory, ShippingMethodFactory

THREADS = 8


def run_in_parallel(work, arguments) -> list[str]:
    """Run work(argument) in one thread each, released together; return each outcome (ok or an error code)."""
    barrier = threading.Barrier(len(arguments))
    outcomes, lock = [], threading.Lock()

    def run(argument) -> None:
        try:
            barrier.wait()
            work(argument)
            outcome = "ok"
        except ShopError as exc:
            outcome = exc.code
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def carts_for(product, count: int, **fields) -> list:
    method = ShippingMethodFactory()
    return [
        create_cart(
            customer=RegisteredCustomerFactory(),
            lines=[{"product": product.public_id, "quantity": 1}],
            delivery_address=DELIVERY,
            shipping_method=method.public_id,
            **fields,
        )
        for _ in range(count)
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_checkouts_for_the_last_units_make_exactly_that_many_orders(store):
    units = 3
    product = ProductFactory(stock_enabled=True, stock_quantity=units)
    carts = carts_for(product, THREADS)

    outcomes = run_in_parallel(lambda cart: check_out_cart(cart=cart, payment_method="bank_transfer"), carts)

    assert outcomes.count("ok") == units
    # Refused either by the stock check before claiming (it saw the units gone) or by the claim itself.
    assert outcomes.count("out_of_stock") + outcomes.count("insufficient_stock") == THREADS - units
    assert Order.objects.count() == units
    # Each sale counted once with its stock, none for the refused checkouts (their claims rolled back).
    assert Product.objects.values_list("stock_quantity", "sales").get(pk=product.pk) == (0, units)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_checkouts_never_use_a_coupon_past_its_limit(store):
    limit = 2
    coupon = CouponFactory(code="FEW", limit=limit)
    product = ProductFactory(stock_enabled=True, stock_quantity=100)
    carts = carts_for(product, THREADS, coupon="FEW")

    outcomes = run_in_parallel(lambda cart: check_out_cart(cart=cart, payment_method="bank_transfer"), carts)

    assert outcomes.count("ok") == limit
    assert outcomes.count("coupon_exhausted") == THREADS - limit
    assert Coupon.objects.get(pk=coupon.pk).used == limit
    assert Order.objects.filter(coupon_code="FEW").count() == limit
    assert Product.objects.values_list("stock_quantity", "sales").get(pk=product.pk) == (100 - limit, limit)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_checkouts_of_one_cart_make_one_order(store):
    product = ProductFactory(stock_enabled=True, stock_quantity=100)
    (cart,) = carts_for(product, 1)

    outcomes = run_in_parallel(lambda _: check_out_cart(cart=cart, payment_method="bank_transfer"), range(THREADS))

    assert outcomes == ["ok"] * THREADS
    assert Order.objects.count() == 1
    assert Product.objects.values_list("stock_quantity", "sales").get(pk=product.pk) == (99, 1)
