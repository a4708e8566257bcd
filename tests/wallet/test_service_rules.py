"""The wallet services' exact rules: every refusal's words and field, amount checks, kinds, holds and entries.

Written against the mutation run of `wallet/services.py` (docs/testing.md): each test pins a detail a plausible
bug would change — a refusal naming the wrong field, a zero amount let through, a hold's reference lost.
"""

import pytest
from django.db import transaction

from shopplatform.errors import InvalidInput
from shopplatform.store.models import Store
from tests.accounts.factories import RegisteredCustomerFactory, UserFactory
from wallet import services
from wallet.exceptions import (
    CustomerNotFound,
    HoldNotOpen,
    InsufficientFunds,
    InvalidWalletAmount,
    RecipientNotFound,
    SelfTransfer,
)
from wallet.models import Hold, LedgerEntry, Wallet

pytestmark = pytest.mark.django_db


def refusal(error) -> tuple[str, str | None]:
    return str(error.value.detail), error.value.param


@pytest.mark.parametrize("amount", [0, -1, True, False, 1.0, "5", None])
def test_every_service_refuses_an_amount_that_is_not_a_positive_integer(customer, fund, amount):
    wallet = fund(customer, 1000)
    recipient = RegisteredCustomerFactory()
    calls = [
        lambda: services.credit_wallet(wallet=wallet, amount_cents=amount),
        lambda: services.debit_wallet(wallet=wallet, amount_cents=amount),
        lambda: services.hold_funds(wallet=wallet, amount_cents=amount),
        lambda: services.transfer_funds(sender=customer, to=recipient.email, amount_cents=amount),
    ]

    for call in calls:
        with pytest.raises(InvalidWalletAmount) as error:
            call()
        assert refusal(error) == ("Amounts are positive integers of cents.", "amount_cents")

    wallet.refresh_from_db()
    assert (wallet.balance_cents, wallet.held_cents, LedgerEntry.objects.count()) == (1000, 0, 1)


def test_one_cent_is_a_valid_amount(customer):
    wallet = services.wallet_for_customer(customer=customer)

    entry = services.credit_wallet(wallet=wallet, amount_cents=1)

    assert (entry.amount_cents, entry.type, entry.balance_after_cents) == (1, LedgerEntry.Type.CREDIT, 1)


def test_insufficient_funds_names_what_is_available_and_needed(customer, fund):
    wallet = fund(customer, 700)
    services.hold_funds(wallet=wallet, amount_cents=200)

    with pytest.raises(InsufficientFunds) as error:
        services.debit_wallet(wallet=wallet, amount_cents=501)

    assert refusal(error) == ("The wallet has 500 cents available; 501 are needed.", "amount_cents")


def test_spending_exactly_what_is_available_leaves_zero(customer, fund):
    wallet = fund(customer, 700)

    entry = services.debit_wallet(wallet=wallet, amount_cents=700)

    assert (entry.amount_cents, entry.type, entry.balance_after_cents) == (-700, LedgerEntry.Type.DEBIT, 0)


def test_entries_keep_their_note_author_and_order_reference(customer):
    staff = UserFactory(is_staff=True)
    wallet = services.wallet_for_customer(customer=customer)

    credit = services.credit_wallet(
        wallet=wallet, amount_cents=900, note="Goodwill", created_by=staff, order_reference="ord_1"
    )
    debit = services.debit_wallet(
        wallet=wallet, amount_cents=400, note="Correction", created_by=staff, order_reference="ord_2"
    )

    rows = list(
        LedgerEntry.objects.order_by("pk").values_list(
            "kind", "note", "created_by", "order_reference", "balance_after_cents"
        )
    )
    assert rows == [
        (LedgerEntry.Kind.ADJUSTMENT, "Goodwill", staff.pk, "ord_1", 900),
        (LedgerEntry.Kind.ADJUSTMENT, "Correction", staff.pk, "ord_2", 500),
    ]
    assert (credit.balance_after_cents, debit.balance_after_cents) == (900, 500)


@pytest.mark.parametrize(
    ("operation", "kind"),
    [("credit_wallet", LedgerEntry.Kind.PURCHASE), ("debit_wallet", LedgerEntry.Kind.REFUND)],
)
def test_each_operation_accepts_only_its_own_kinds(customer, fund, operation, kind):
    wallet = fund(customer, 1000)

    with pytest.raises(ValueError, match="transfers use transfer_funds"):
        getattr(services, operation)(wallet=wallet, amount_cents=100, kind=kind)

    assert LedgerEntry.objects.count() == 1


def test_a_debit_of_kind_purchase_is_allowed(customer, fund):
    wallet = fund(customer, 1000)

    entry = services.debit_wallet(wallet=wallet, amount_cents=100, kind=LedgerEntry.Kind.PURCHASE)

    assert entry.kind == LedgerEntry.Kind.PURCHASE


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_adjustment_without_a_reason_names_the_reason_field(customer, reason):
    with pytest.raises(InvalidInput) as error:
        services.adjust_balance(customer=customer, amount_cents=100, reason=reason, created_by=None)

    assert refusal(error) == ("An adjustment needs a reason.", "reason")
    assert not Wallet.objects.exists()


def test_negative_adjustment_debits_with_the_reason_stripped(customer, fund):
    fund(customer, 1000)
    staff = UserFactory(is_staff=True)

    entry = services.adjust_balance(customer=customer, amount_cents=-250, reason="  Damaged voucher ", created_by=staff)

    assert (entry.amount_cents, entry.note, entry.created_by_id) == (-250, "Damaged voucher", staff.pk)


def test_find_customer_by_id_or_trimmed_lower_cased_email(customer):
    assert services.find_customer(reference=f"  {customer.public_id} ") == customer
    assert services.find_customer(reference=f" {customer.email.upper()} ") == customer


@pytest.mark.parametrize("reference", ["", "   ", None, "cus_unknown", "nobody@example.com", "a\x00@example.com"])
def test_find_customer_refuses_unknown_references_naming_the_field(reference):
    with pytest.raises(CustomerNotFound) as error:
        services.find_customer(reference=reference)

    assert refusal(error) == (f"No customer has the id or e-mail '{(reference or '').strip()}'.", "customer")


def test_unknown_transfer_recipient_names_the_to_field(customer, fund):
    fund(customer, 1000)

    with pytest.raises(RecipientNotFound) as error:
        services.transfer_funds(sender=customer, to="nobody@example.com", amount_cents=100)

    assert refusal(error) == ("No customer has the id or e-mail 'nobody@example.com'.", "to")


def test_transfer_to_oneself_names_the_to_field(customer, fund):
    fund(customer, 1000)

    with pytest.raises(SelfTransfer) as error:
        services.transfer_funds(sender=customer, to=customer.public_id, amount_cents=100)

    assert refusal(error) == ("A transfer must go to another customer.", "to")


def test_transfer_keeps_note_author_and_lower_cased_currency(customer, other_customer, fund):
    fund(customer, 1000)
    staff = UserFactory(is_staff=True)

    transfer = services.transfer_funds(
        sender=customer, to=other_customer.email, amount_cents=300, currency="eur", note="Gift", created_by=staff
    )

    assert (transfer.currency, transfer.note, transfer.amount_cents) == ("EUR", "Gift", 300)
    entries = LedgerEntry.objects.filter(transfer=transfer).order_by("pk")
    assert [(e.kind, e.amount_cents, e.note, e.created_by_id) for e in entries] == [
        (LedgerEntry.Kind.TRANSFER_OUT, -300, "Gift", staff.pk),
        (LedgerEntry.Kind.TRANSFER_IN, 300, "Gift", staff.pk),
    ]


def test_new_wallets_take_the_store_currency_at_creation(customer):
    Store.objects.update_or_create(pk=Store.SINGLETON_PK, defaults={"currency": "GBP"})

    wallet = services.wallet_for_customer(customer=customer)

    assert wallet.currency == "GBP"
    assert wallet.customer == customer


def test_hold_keeps_its_reference_and_capture_becomes_the_order_reference(customer, fund):
    wallet = fund(customer, 1000)
    staff = UserFactory(is_staff=True)

    hold = services.hold_funds(wallet=wallet, amount_cents=400, reference="ord_42")
    entry = services.capture_hold(hold=hold, note="Order #42", created_by=staff)

    hold.refresh_from_db()
    wallet.refresh_from_db()
    assert (hold.reference, hold.status, hold.completed_at is not None) == ("ord_42", Hold.Status.CAPTURED, True)
    assert (entry.order_reference, entry.note, entry.created_by_id, entry.kind) == (
        "ord_42",
        "Order #42",
        staff.pk,
        LedgerEntry.Kind.PURCHASE,
    )
    assert (wallet.balance_cents, wallet.held_cents) == (600, 0)


def test_hold_of_exactly_what_is_available_is_allowed(customer, fund):
    wallet = fund(customer, 500)

    services.hold_funds(wallet=wallet, amount_cents=500)

    wallet.refresh_from_db()
    assert (wallet.held_cents, wallet.available_cents) == (500, 0)


def test_a_released_hold_is_completed_and_its_refusals_name_the_status(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=400)

    released = services.release_hold(hold=hold)
    with pytest.raises(HoldNotOpen) as error:
        services.capture_hold(hold=hold)

    assert (released.status, released.completed_at is not None) == (Hold.Status.RELEASED, True)
    assert str(error.value.detail) == "The hold is already released."
    wallet.refresh_from_db()
    assert (wallet.balance_cents, wallet.held_cents) == (1000, 0)


def test_releasing_a_captured_hold_names_the_captured_status(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=400)
    services.capture_hold(hold=hold)

    with pytest.raises(HoldNotOpen) as error:
        services.release_hold(hold=hold)

    assert str(error.value.detail) == "The hold is already captured."
    wallet.refresh_from_db()
    assert (wallet.balance_cents, wallet.held_cents) == (600, 0)


def test_a_credit_of_one_cent_is_announced_to_the_listeners(customer, monkeypatch):
    heard = []
    monkeypatch.setattr("wallet.hooks._credit_listeners", [heard.append])
    wallet = services.wallet_for_customer(customer=customer)

    entry = services.credit_wallet(wallet=wallet, amount_cents=1)
    services.debit_wallet(wallet=wallet, amount_cents=1)

    assert heard == [entry]


def test_wallet_operations_read_the_customer_with_the_wallet(customer, fund, django_assert_max_num_queries):
    """The wallet's customer comes with the locked row (the event payload names it): no query per operation."""
    wallet = fund(customer, 1000)
    fresh = Wallet.objects.get(pk=wallet.pk)

    found = services.wallet_for_customer(customer=customer)
    with django_assert_max_num_queries(0):
        assert found.customer.email == customer.email
    with transaction.atomic():
        (locked,) = services._lock_wallets(fresh)
    with django_assert_max_num_queries(0):
        assert locked.customer.email == customer.email
