"""Order numbers: short, sequential, never reused (a deleted order's number stays taken).

On PostgreSQL an order takes `nextval('orders_order_number_seq')` (migration 0015): no row is locked, so parallel
checkouts never queue for a number. A sequence is not transactional, so a checkout refused after taking its number
(sold out at the stock claim, a wallet short of funds) leaves a gap, and numbers are handed out in the order
checkouts reach that point, not the order they commit in. Elsewhere (SQLite, one writer at a time) the number
comes from the single `OrderNumberCounter` row, incremented by one conditional UPDATE that holds the row until
commit; a rolled-back checkout gives its number back there.

Invoice numbers must have no gaps and keep the counter everywhere (`allocate_number`).
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from ..models import Order, OrderNumberCounter

FIRST_ORDER_NUMBER = 1001
ORDER_NUMBER_SEQUENCE = "orders_order_number_seq"


def allocate_order_number() -> int:
    """Take the next order number. On PostgreSQL it is taken for good; elsewhere the counter row stays locked
    until the caller's transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [ORDER_NUMBER_SEQUENCE])
            return cursor.fetchone()[0]
    return allocate_number(OrderNumberCounter, highest_in_use=_highest_order_number)


# No savepoint: callers hold rows other transactions wait for, and nothing here is meant to fail and be caught (a
# missing counter row is created under its own savepoint).
@transaction.atomic(savepoint=False)
def allocate_number(counter_model, *, highest_in_use) -> int:
    """Take the next number of a single-row counter (invoice numbers, and order numbers outside PostgreSQL);
    locked until the caller commits.

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
