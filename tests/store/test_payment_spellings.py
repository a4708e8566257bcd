"""The payment method columns of carts and orders: checkout spellings in, PaymentMethodType members out."""

import pytest

from orders.models import Cart
from shopplatform.store.payments import PaymentMethodType, checkout_code, method_for_checkout_code


@pytest.mark.parametrize("method", list(PaymentMethodType))
def test_every_method_reads_back_as_its_member_from_its_checkout_spelling(method):
    read = method_for_checkout_code(checkout_code(method))

    assert read is method


def test_card_is_the_checkout_spelling_of_credit_card_and_unknown_text_comes_back_as_it_is():
    assert checkout_code(PaymentMethodType.CREDIT_CARD) == "card"
    assert method_for_checkout_code("card") is PaymentMethodType.CREDIT_CARD
    assert method_for_checkout_code("cheque") == "cheque"
    assert type(method_for_checkout_code("cheque")) is str


@pytest.mark.django_db
def test_a_stored_cart_reads_its_method_as_a_member():
    cart = Cart.objects.create(session_key="s" * 32, payment_method="card")

    assert Cart.objects.get(pk=cart.pk).payment_method is PaymentMethodType.CREDIT_CARD
