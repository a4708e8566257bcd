"""Fulfilment: hand the parcel to a carrier and tell the buyer, in one step the merchant takes from the order page."""

from django.db import transaction

from shopplatform.errors import InvalidInput

from ..models import TRACKING_CARRIERS, Order, OrderStatus
from .workflow import change_order_status, update_order


@transaction.atomic
def fulfil_order(*, order: Order, carrier: str, tracking_code: str, tracking_url: str = "", changed_by=None) -> Order:
    """Record carrier and tracking, then mark the order sent (the shipped e-mail carries them).

    Raise InvalidInput (400) for an unknown carrier or a blank tracking number, InvalidTransition (409).
    """
    if carrier not in TRACKING_CARRIERS:
        raise InvalidInput(f"Choose one of the carriers ({', '.join(TRACKING_CARRIERS)}).", param="carrier")
    if not tracking_code.strip():
        raise InvalidInput("Enter the tracking number the carrier gave you.", param="tracking_code")
    order = update_order(
        order=order,
        changed_by=changed_by,
        tracking_carrier=carrier,
        tracking_code=tracking_code.strip(),
        tracking_url=tracking_url.strip(),
    )
    return change_order_status(
        order=order, status=OrderStatus.SENT, changed_by=changed_by, note=f"Sent with {carrier}: {tracking_code}"
    )
