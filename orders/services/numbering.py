"""Order numbers: short, sequential, never reused (a deleted order's number stays taken).

The store is a single row, so one counter serves it. Allocation is one conditional `UPDATE … SET last_number =
last_number + 1` on the counter row; the row stays locked by that UPDATE until the caller's transaction commits,
so concurrent checkouts queue there and the read that follows sees exactly this transaction's value. A rolled-back
checkout gives its number back with everything else.
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import Order, OrderNumberCounter

FIRST_ORDER_NUMBER = 1001


@transaction.atomic
def allocate_order_number() -> int:
    """Take the next order number; the counter row stays locked until the caller's transaction ends."""
    counter = OrderNumberCounter.objects.filter(pk=1)
    if not counter.update(last_number=F("last_number") + 1):
        _create_counter()
        counter.update(last_number=F("last_number") + 1)
    return counter.values_list("last_number", flat=True).get()


def find_order_by_number(*, number: str | int, email: str) -> Order | None:
    """The order with this number (with or without its '#') placed with this e-mail address, if any."""
    digits = str(number).strip().lstrip("#").strip()
    if not digits.isdigit() or len(digits) > 9:
        return None
    return Order.objects.filter(number=int(digits), email__iexact=(email or "").strip()).first()


def _create_counter() -> None:
    """Create the counter after the highest number in use (an empty table after a flush starts at 1001)."""
    highest = Order.objects.order_by("-number").values_list("number", flat=True).first() or FIRST_ORDER_NUMBER - 1
    try:
        with transaction.atomic():
            OrderNumberCounter.objects.create(pk=1, last_number=highest)
    except IntegrityError:
        pass  # a concurrent first checkout created it: increment theirs
