"""Multibanco references and MB WAY phones: the rules in orders/payments/references.py."""

import pytest

from orders.exceptions import PaymentMethodUnavailable
from orders.payments.references import (
    group_digits,
    is_valid_multibanco_reference,
    mbway_phone,
    multibanco_check_digits,
    multibanco_reference,
)


def test_check_digits_follow_the_sibs_weights():
    # entity 11604, body 0001234, 25.00 €: Σ(digit x weight from the right) = 929; 98 - 929 mod 97 = 42
    assert multibanco_check_digits(entity="11604", body="0001234", amount_cents=2500) == "42"


def test_reference_is_the_padded_order_number_and_its_check_digits():
    reference = multibanco_reference(entity="11604", order_number=1234, amount_cents=2500, currency="EUR")

    assert reference == "000123442"


def test_reference_is_deterministic_and_differs_between_orders():
    first = multibanco_reference(entity="11604", order_number=1001, amount_cents=2500, currency="EUR")
    again = multibanco_reference(entity="11604", order_number=1001, amount_cents=2500, currency="EUR")
    other = multibanco_reference(entity="11604", order_number=1002, amount_cents=2500, currency="EUR")

    assert first == again
    assert first != other


def test_a_reference_checked_against_another_amount_is_invalid():
    reference = multibanco_reference(entity="11604", order_number=1001, amount_cents=2500, currency="EUR")

    assert is_valid_multibanco_reference(entity="11604", reference=reference, amount_cents=2500)
    assert not is_valid_multibanco_reference(entity="11604", reference=reference, amount_cents=2501)


@pytest.mark.parametrize(
    ("order_number", "amount_cents", "currency"),
    [(1001, 2500, "USD"), (1001, 0, "EUR"), (1001, 100_000_000, "EUR"), (10_000_000, 2500, "EUR")],
)
def test_multibanco_refuses_what_it_cannot_pay(order_number, amount_cents, currency):
    with pytest.raises(PaymentMethodUnavailable):
        multibanco_reference(entity="11604", order_number=order_number, amount_cents=amount_cents, currency=currency)


@pytest.mark.parametrize("written", ["912345678", "+351 912 345 678", "00351-912.345.678", "96 123 45 67"])
def test_mbway_accepts_portuguese_mobiles_however_written(written):
    assert len(mbway_phone(written)) == 9


def test_mbway_takes_the_first_usable_phone():
    assert mbway_phone("", "213456789", "931234567") == "931234567"


@pytest.mark.parametrize("written", ["213456789", "+34 612345678", "91234567", ""])
def test_mbway_refuses_numbers_that_are_not_portuguese_mobiles(written):
    with pytest.raises(PaymentMethodUnavailable):
        mbway_phone(written)


def test_references_are_shown_in_groups_of_three():
    assert group_digits("123456789") == "123 456 789"
