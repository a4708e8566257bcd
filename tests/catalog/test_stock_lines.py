"""Stock claims refuse impossible lines before touching any row, and sum repeated lines into one claim."""

import pytest
from django.db import transaction

from catalog.exceptions import OutOfStock
from catalog.services.stock import StockLine, claim_stock
from shopplatform.errors import InvalidInput
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_line_of_no_units_or_fewer_is_refused_and_claims_nothing(quantity):
    product = ProductFactory(stock_enabled=True, stock_quantity=5)

    with pytest.raises(InvalidInput) as refused, transaction.atomic():
        claim_stock(items=[StockLine(product, quantity)])

    product.refresh_from_db()
    assert (refused.value.detail, refused.value.param) == ("Quantities are positive.", "quantity")
    assert product.stock_quantity == 5


def test_a_variant_of_another_product_is_refused_by_name():
    product, other = ProductFactory(stock_enabled=True, stock_quantity=5), ProductFactory()
    stranger = VariantFactory(product=other)

    with pytest.raises(InvalidInput) as refused:
        claim_stock(items=[StockLine(product, 1, stranger)])

    assert refused.value.detail == f"{stranger.public_id} is not a variant of {product.public_id}."
    assert refused.value.param == "items"


def test_repeated_lines_of_one_product_are_claimed_as_their_sum():
    product = ProductFactory(stock_enabled=True, stock_quantity=5)

    claim_stock(items=[StockLine(product, 2), StockLine(product, 3)])

    product.refresh_from_db()
    assert product.stock_quantity == 0


def test_repeated_lines_of_one_variant_are_claimed_from_that_variant():
    product = ProductFactory(stock_enabled=True, stock_quantity=9)
    variant = VariantFactory(product=product, stock_quantity=5)

    claim_stock(items=[StockLine(product, 2, variant), StockLine(product, 3, variant)])

    variant.refresh_from_db()
    product.refresh_from_db()
    assert (variant.stock_quantity, product.stock_quantity) == (0, 9)


def test_repeated_lines_beyond_the_stock_together_claim_nothing():
    product = ProductFactory(stock_enabled=True, stock_quantity=4)

    with pytest.raises(OutOfStock), transaction.atomic():
        claim_stock(items=[StockLine(product, 2), StockLine(product, 3)])

    product.refresh_from_db()
    assert product.stock_quantity == 4
