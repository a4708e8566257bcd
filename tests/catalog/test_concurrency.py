"""Concurrent stock claims never oversell."""

import threading

import pytest
from django.db import connection

from catalog.exceptions import OutOfStock
from catalog.models import Product
from catalog.services import StockLine, claim_stock

from .factories import ProductFactory

THREADS = 8
UNITS = 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_take_exactly_the_units_in_stock():
    product = ProductFactory(stock_enabled=True, stock_quantity=UNITS)
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def buy() -> None:
        try:
            barrier.wait()
            claim_stock(items=[StockLine(product=product, quantity=1)])
            result = "ok"
        except OutOfStock:
            result = "out"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ok") == UNITS
    assert outcomes.count("out") == THREADS - UNITS
    assert Product.objects.get(pk=product.pk).stock_quantity == 0
