"""What a buyer of an unpaid manual-method order is told to do: the store's instructions for the method, and the
order's own payment details (Multibanco entity, reference and amount; the MB WAY phone asked to pay).

The confirmation page and the confirmation e-mail show the same thing, from `payment_instructions`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from shopplatform.store.models import PaymentMethod
from shopplatform.store.payments import MANUAL_METHODS, PaymentMethodType

from ..models import Order
from .references import group_digits, mbway_phone, multibanco_reference


@dataclass(frozen=True)
class PaymentInstructions:
    title: str
    message: str
    details: list[tuple[str, str]] = field(default_factory=list)


def manual_payment_data(*, order: Order, phones: tuple[str, ...] = ()) -> dict:
    """The payment block of a new manual-method order: Multibanco's entity and reference, MB WAY's phone.

    Raise PaymentMethodUnavailable (no Portuguese mobile for MB WAY; an order Multibanco cannot pay).
    """
    if order.payment_method == PaymentMethodType.MULTIBANCO:
        entity = settings.MULTIBANCO_ENTITY
        reference = multibanco_reference(
            entity=entity, order_number=order.number, amount_cents=order.total_cents, currency=order.currency
        )
        return {"entity": entity, "reference": reference, "amount_cents": order.total_cents}
    if order.payment_method == PaymentMethodType.MBWAY:
        return {"phone": mbway_phone(*phones), "amount_cents": order.total_cents}
    return {}


def payment_instructions(order: Order, *, money: Callable[[int], str]) -> PaymentInstructions | None:
    """How to pay this unpaid manual-method order; None once paid, or for methods paid through a provider."""
    if order.paid or order.payment_method not in MANUAL_METHODS:
        return None
    method = PaymentMethod.objects.filter(method=order.payment_method).first()
    title = method.title if method else PaymentMethodType(order.payment_method).label
    data = order.payment_data
    details = []
    if order.payment_method == PaymentMethodType.MULTIBANCO and data.get("reference"):
        details = [
            ("Entity", data["entity"]),
            ("Reference", group_digits(data["reference"])),
            ("Amount", money(data["amount_cents"])),
        ]
    elif order.payment_method == PaymentMethodType.MBWAY and data.get("phone"):
        details = [("MB WAY phone", group_digits(data["phone"])), ("Amount", money(data["amount_cents"]))]
    message = method.message if method else ""
    if not (message or details):
        return None
    return PaymentInstructions(title=title, message=message, details=details)
