"""The one vocabulary of payment methods: every way to pay the platform knows.

The store settings configure the methods a merchant offers (one `PaymentMethod` row each; the wallet needs no row,
every signed-in buyer has one). Checkout (carts, orders and the orders API) accepts the subset in
`CHECKOUT_METHODS`.

Stored and API spellings: both tables and both APIs store and send a method's value, except the card. The store
settings spell it `credit_card`; carts, orders and the orders API have always spelled it `card`. Existing rows and
API clients keep their spelling, and the two helpers below (used by `CheckoutMethodField` and the orders API) are
the only place that maps between them: code in between only ever sees `PaymentMethodType`.
"""

from django.conf import settings
from django.db import models


class PaymentMethodType(models.TextChoices):
    CREDIT_CARD = "credit_card", "Card"
    MULTIBANCO = "multibanco", "Multibanco"
    MBWAY = "mbway", "MB WAY"
    PAYPAL = "paypal", "PayPal"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    ON_DELIVERY = "on_delivery", "Cash on delivery"
    PICK_UP = "pick_up", "Pay at pick-up"
    CUSTOM = "custom", "Custom"
    WALLET = "wallet", "Wallet"


# What the store settings configure. Also named in SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"], so the OpenAPI
# document has one PaymentMethodEnum.
PAYMENT_METHOD_CHOICES = [
    (method.value, method.label) for method in PaymentMethodType if method != PaymentMethodType.WALLET
]

# What checkout accepts; the manual ones need no payment provider (the buyer pays by transfer, on delivery, at
# pick-up, at an ATM with a Multibanco reference, by MB WAY or as the store's custom method instructs, and the
# merchant marks the order paid). Card and PayPal go through their providers (orders.stripe_gateway,
# orders.payments.paypal).
MANUAL_METHODS = (
    PaymentMethodType.BANK_TRANSFER,
    PaymentMethodType.ON_DELIVERY,
    PaymentMethodType.PICK_UP,
    PaymentMethodType.MULTIBANCO,
    PaymentMethodType.MBWAY,
    PaymentMethodType.CUSTOM,
)
CHECKOUT_METHODS = (PaymentMethodType.WALLET, PaymentMethodType.CREDIT_CARD, PaymentMethodType.PAYPAL, *MANUAL_METHODS)
# The settings a method needs before it can be offered (its provider's credentials, Multibanco's entity).
REQUIRED_SETTINGS = {
    PaymentMethodType.CREDIT_CARD: ("STRIPE_SECRET_KEY",),
    PaymentMethodType.PAYPAL: ("PAYPAL_CLIENT_ID", "PAYPAL_CLIENT_SECRET"),
    PaymentMethodType.MULTIBANCO: ("MULTIBANCO_ENTITY",),
}


def method_configured(method: str) -> bool:
    """Whether every setting `method` needs is set (methods that need none always are)."""
    return all(getattr(settings, name) for name in REQUIRED_SETTINGS.get(method, ()))


# Methods paid at the provider's own page (Stripe Checkout, PayPal): checkout answers with its `checkout_url`.
PROVIDER_METHODS = (PaymentMethodType.CREDIT_CARD, PaymentMethodType.PAYPAL)
# Methods whose store row's `surcharge_cents` is added to the order as its payment fee. Card and PayPal carry none:
# surcharges on consumer cards and e-wallets are banned in the EU (PSD2).
FEE_METHODS = (PaymentMethodType.ON_DELIVERY, PaymentMethodType.CUSTOM)

_CHECKOUT_SPELLINGS = {PaymentMethodType.CREDIT_CARD: "card"}
_FROM_CHECKOUT_SPELLINGS = {code: method for method, code in _CHECKOUT_SPELLINGS.items()}
_METHODS_BY_VALUE = {method.value: method for method in PaymentMethodType}


def checkout_code(method: str) -> str:
    """How carts, orders and the orders API spell `method` (`credit_card` → `card`; others unchanged)."""
    return _CHECKOUT_SPELLINGS.get(method, method)


def method_for_checkout_code(code: str) -> str:
    """The PaymentMethodType a checkout spelling names (`card` → `credit_card`); other strings come back as they are.
    Every cart and order read converts its column through this: looked up in a dict made once, where
    `PaymentMethodType.values` rebuilt the list of choices, labels included, on every call."""
    method = _FROM_CHECKOUT_SPELLINGS.get(code, code)
    return _METHODS_BY_VALUE.get(method, method)


# Choices of the orders API: (checkout spelling, label).
CHECKOUT_CHOICES = [(checkout_code(method), method.label) for method in CHECKOUT_METHODS]


class CheckoutMethodField(models.CharField):
    """A payment method column of carts and orders: stores the checkout spelling, reads a PaymentMethodType."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("choices", [(method.value, method.label) for method in CHECKOUT_METHODS])
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return value if value is None else method_for_checkout_code(value)

    def to_python(self, value):
        value = super().to_python(value)
        return value if value is None else method_for_checkout_code(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else checkout_code(value)
