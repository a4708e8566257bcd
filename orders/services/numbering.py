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


def allocate_order_number() -> int:
    """Take the next order number; the counter row stays locked until the caller's transaction ends."""
    return allocate_number(OrderNumberCounter, highest_in_use=_highest_order_number)


# No savepoint: checkout calls this while it holds the counter and stock rows that other checkouts wait for, and
# nothing here is meant to fail and be caught (a missing counter row is created under its own savepoint).
@transaction.atomic(savepoint=False)
def allocate_number(counter_model, *, highest_in_use) -> int:
    """Take the next number of a single-row counter (order and invoice numbers); locked until the caller commits.

    `highest_in_use()` seeds a missing counter row (the highest number already stored, or the one before the first).
    """
    counter = counter_model.objects.filter(pk=1)
    if not counter.update(last_number=F("last_number") + 1):
        _create_counter(counter_model, highest_in_use())
        counter.update(last_number=F("last_number") + 1)
    return counter.values_list("last_number", flat=True).get()


def find_order_by_number(*, number: str | int, email: str) -> Order | None:
    """The order with this number (with or without its '#') placed with this e-mail address, if any."""
    digits = str(number).strip().lstrip("#").strip()
    if not digits.isdigit() or len(digits) > 9:
        return None
    return Order.objects.filter(number=int(digits), email__iexact=(email or "").strip()).first()


def _highest_order_number() -> int:
    """After a flush the empty table starts at 1001."""
    return Order.objects.order_by("-number").values_list("number", flat=True).first() or FIRST_ORDER_NUMBER - 1


def _create_counter(counter_model, highest: int) -> None:
    try:
        with transaction.atomic():
            counter_model.objects.create(pk=1, last_number=highest)
    except IntegrityError:
        pass  # a concurrent first caller created it: increment theirs
