"""Store settings invariants: one row, one active default payment method, validated values."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from shopplatform.store import services
from shopplatform.store.exceptions import DefaultPaymentMethodInactive
from shopplatform.store.models import MenuItem, PaymentMethod, Store

from .factories import MenuItemFactory, PaymentMethodFactory, StoreFactory

pytestmark = pytest.mark.django_db


def test_load_always_returns_the_single_row():
    first = Store.load()
    Store(name="Another").save()

    assert Store.load().pk == first.pk
    assert Store.objects.count() == 1
    assert Store.load().name == "Another"


def test_second_default_payment_method_is_refused_by_the_database():
    """Exactly one default payment method."""
    PaymentMethodFactory(method="credit_card", is_default=True)

    with pytest.raises(IntegrityError):
        PaymentMethodFactory(method="multibanco", is_default=True)


def test_inactive_default_payment_method_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        PaymentMethodFactory(method="credit_card", is_default=True, active=False)


def test_set_default_payment_method_moves_the_default():
    old = PaymentMethodFactory(method="credit_card", is_default=True)
    new = PaymentMethodFactory(method="multibanco")

    services.set_default_payment_method(payment_method=new)

    assert list(PaymentMethod.objects.filter(is_default=True)) == [new]
    old.refresh_from_db()
    assert old.is_default is False


def test_set_default_payment_method_refuses_an_inactive_method():
    inactive = PaymentMethodFactory(method="mbway", active=False)

    with pytest.raises(DefaultPaymentMethodInactive):
        services.set_default_payment_method(payment_method=inactive)


def test_save_payment_methods_switches_the_default_in_one_call():
    old = PaymentMethodFactory(method="credit_card", is_default=True)
    new = PaymentMethodFactory(method="multibanco")
    new.is_default, old.is_default = True, False

    services.save_payment_methods(changed=[new, old], deleted=[])

    assert list(PaymentMethod.objects.filter(is_default=True)) == [new]


@pytest.mark.parametrize(
    ("field", "value"),
    [("currency", "XYZ"), ("locale", "xx_NOPE"), ("latitude", "91"), ("longitude", "east"), ("basecolor", "red")],
)
def test_invalid_store_setting_is_refused(field, value):
    store = StoreFactory()
    setattr(store, field, value)

    with pytest.raises(ValidationError) as error:
        store.full_clean()

    assert field in error.value.message_dict


def test_lower_case_currency_is_stored_upper_case():
    store = StoreFactory()
    store.currency = "usd"

    store.full_clean()
    store.save()

    assert Store.load().currency == "USD"


def test_paypal_method_needs_its_account_email():
    method = PaymentMethodFactory.build(method="paypal", store=StoreFactory())

    with pytest.raises(ValidationError) as error:
        method.full_clean()

    assert "paypal_email" in error.value.message_dict


@pytest.mark.parametrize(
    ("menu_type", "item", "expected"),
    [
        ("page", "/", "https://shop.example.com"),
        ("page", "contact", "https://shop.example.com/contact"),
        ("page", "shipping-terms", "https://shop.example.com/page/shipping-terms"),
        ("category", "ceramics", "https://shop.example.com/category/ceramics"),
        ("brand", "acme", "https://shop.example.com/brand/acme"),
    ],
)
def test_menu_item_resolves_store_paths(menu_type, item, expected):
    """Store page path patterns for menu entries."""
    entry = MenuItemFactory.build(type=menu_type, item=item)

    assert entry.resolve_url("https://shop.example.com") == expected


def test_external_menu_item_needs_a_url():
    entry = MenuItemFactory.build(type=MenuItem.Type.URL, item="", url="", store=StoreFactory())

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert "url" in error.value.message_dict
