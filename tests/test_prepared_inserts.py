"""`shopplatform.prepared.insert`: a new row inserted exactly as `save(force_insert=True)` inserts it, from an
INSERT compiled once per model (checkout's carts, lines, order history, status changes and events)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Value, signals
from django.test.utils import CaptureQueriesContext

from orders.models import Cart, CartLine, Coupon
from shopplatform import prepared
from shopplatform.prepared import insert, insert_or_save
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """The pre_save and post_save signals sent for carts: (signal, created, adding at the time)."""
    seen = []

    def before(sender, instance, **kwargs):
        seen.append(("pre_save", None, instance._state.adding, kwargs["update_fields"], kwargs["raw"]))

    def after(sender, instance, created, **kwargs):
        seen.append(("post_save", created, instance._state.adding, kwargs["update_fields"], kwargs["raw"]))

    signals.pre_save.connect(before, sender=Cart)
    signals.post_save.connect(after, sender=Cart)
    yield seen
    signals.pre_save.disconnect(before, sender=Cart)
    signals.post_save.disconnect(after, sender=Cart)


def stored(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def test_a_row_is_inserted_as_save_inserts_it_with_the_same_signals(sent):
    by_insert = Cart(session_key="a" * 32, email="buyer@example.com", delivery_address={"city": "Lisboa"})
    insert(by_insert)
    signals_by_insert = list(sent)
    sent.clear()
    by_save = Cart(session_key="b" * 32, email="buyer@example.com", delivery_address={"city": "Lisboa"})
    by_save.save(force_insert=True)

    assert by_insert.pk and not by_insert._state.adding and by_insert._state.db == "default"
    assert by_insert.created_at is not None and by_insert.updated_at is not None  # auto_now(_add) as save sets them
    one, other = stored(Cart, by_insert.pk), stored(Cart, by_save.pk)
    differing = {"id", "public_id", "session_key", "created_at", "updated_at"}
    assert {k: v for k, v in one.items() if k not in differing} == {
        k: v for k, v in other.items() if k not in differing
    }
    assert one["created_at"] == by_insert.created_at
    assert (
        signals_by_insert
        == sent
        == [
            ("pre_save", None, True, None, False),
            ("post_save", True, False, None, False),
        ]
    )


def test_the_insert_is_compiled_once_per_model(monkeypatch):
    prepared._INSERTS.clear()
    compiled = []
    as_sql = prepared.InsertQuery.get_compiler

    def counting(self, *args, **kwargs):
        compiled.append(self.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(prepared.InsertQuery, "get_compiler", counting)
    for number in range(3):
        insert(Cart(session_key=f"{number}" * 32))

    assert compiled == [Cart]
    assert Cart.objects.count() == 3


def test_related_rows_are_checked_and_their_keys_taken_as_save_does():
    product = ProductFactory()
    cart = Cart(session_key="c" * 32)
    line = CartLine(cart=cart, product=product, quantity=2)

    with pytest.raises(ValueError, match="unsaved related object 'cart'"):
        insert(line)

    insert(cart)
    insert(line)  # the cart's key, given after the line was made, is read from the cart as save() reads it
    assert stored(CartLine, line.pk)["cart_id"] == cart.pk


def test_an_error_marks_the_atomic_block_for_rollback_as_save_does():
    first = Cart(session_key="d" * 32)
    insert(first)

    with transaction.atomic():
        with pytest.raises(IntegrityError):
            insert(Cart(session_key="e" * 32, public_id=first.public_id))  # the public id is unique
        assert transaction.get_rollback()


def test_what_insert_cannot_do_as_save_does_is_left_to_save():
    coupon = Coupon(code="  SPRING  ", type="percent", value=10)  # Coupon.save() strips the code
    insert(coupon)
    expression = Cart(session_key="f" * 32, email=Value("from-an-expression@example.com"))

    with CaptureQueriesContext(connection) as queries:
        insert(expression)

    assert Coupon.objects.get(pk=coupon.pk).code == "SPRING"
    assert Cart.objects.get(pk=expression.pk).email == "from-an-expression@example.com"
    assert len(queries) == 1


def test_insert_or_save_saves_a_stored_row():
    cart = Cart(session_key="g" * 32)
    insert_or_save(cart)
    cart.email = "later@example.com"

    insert_or_save(cart)

    assert Cart.objects.count() == 1
    assert Cart.objects.get(pk=cart.pk).email == "later@example.com"


def test_several_rows_go_in_one_statement_each_with_its_key_and_signals(sent):
    carts = [Cart(session_key=f"{number}" * 32, email=f"{number}@example.com") for number in range(3)]

    with CaptureQueriesContext(connection) as queries:
        insert(*carts)

    assert len(queries) == 1
    assert [stored(Cart, cart.pk)["email"] for cart in carts] == ["0@example.com", "1@example.com", "2@example.com"]
    assert all(not cart._state.adding for cart in carts)
    assert [signal for signal, *_ in sent] == ["pre_save"] * 3 + ["post_save"] * 3


def test_rows_with_and_without_their_keys_are_refused_together():
    with pytest.raises(ValueError, match="all given, or none"):
        insert(Cart(session_key="h" * 32), Cart(pk=10_000, session_key="i" * 32))


def test_a_row_save_inserts_cannot_have_its_statement_wrapped():
    with pytest.raises(ValueError, match="cannot be wrapped"):
        insert(Coupon(code="SPRING", type="percent", value=10), wrap=lambda model, using, text: text)

    assert not Coupon.objects.exists()


def test_no_rows_is_no_statement():
    with CaptureQueriesContext(connection) as queries:
        insert()

    assert len(queries) == 0
