"""Wallet services: ledger entries, balances, overdraw refusal, transfers and holds."""

import pytest

from shopplatform.errors import InvalidInput
from shopplatform.store.models import Store
from tests.accounts.factories import RegisteredCustomerFactory, UserFactory
from wallet import services
from wallet.exceptions import (
    CurrencyMismatch,
    HoldNotOpen,
    ImmutableLedgerEntry,
    InsufficientFunds,
    InvalidWalletAmount,
    RecipientNotFound,
    SelfTransfer,
)
from wallet.models import Hold, LedgerEntry, Transfer, Wallet
from webhooks.models import Event

pytestmark = pytest.mark.django_db


def test_wallet_is_created_once_in_the_store_currency(customer):
    first = services.wallet_for_customer(customer=customer)
    second = services.wallet_for_customer(customer=customer)

    assert first.pk == second.pk
    assert (first.currency, first.balance_cents, first.held_cents) == ("EUR", 0, 0)


def test_credit_appends_a_positive_entry_and_raises_the_balance(customer):
    wallet = services.wallet_for_customer(customer=customer)

    entry = services.credit_wallet(wallet=wallet, amount_cents=1500, note="welcome")

    wallet.refresh_from_db()
    assert (entry.type, entry.kind, entry.amount_cents, entry.balance_after_cents) == (
        "credit",
        "adjustment",
        1500,
        1500,
    )
    assert entry.public_id.startswith("txn_")
    assert wallet.balance_cents == 1500


def test_debit_appends_a_negative_entry(customer, fund):
    wallet = fund(customer, 1000)

    entry = services.debit_wallet(wallet=wallet, amount_cents=400, kind="purchase", order_reference="ord_x")

    wallet.refresh_from_db()
    assert (entry.type, entry.amount_cents, entry.balance_after_cents, entry.order_reference) == (
        "debit",
        -400,
        600,
        "ord_x",
    )
    assert wallet.balance_cents == 600


def test_debit_beyond_the_balance_is_refused_and_writes_nothing(customer, fund):
    wallet = fund(customer, 1000)
    entries_before, events_before = LedgerEntry.objects.count(), Event.objects.count()

    with pytest.raises(InsufficientFunds) as refused:
        services.debit_wallet(wallet=wallet, amount_cents=1001)

    wallet.refresh_from_db()
    assert (refused.value.status, refused.value.code) == (409, "insufficient_funds")
    assert wallet.balance_cents == 1000
    assert (LedgerEntry.objects.count(), Event.objects.count()) == (entries_before, events_before)


@pytest.mark.parametrize("amount_cents", [0, -5, 1.5, True])
def test_amounts_must_be_positive_integers(customer, amount_cents):
    wallet = services.wallet_for_customer(customer=customer)

    with pytest.raises(InvalidWalletAmount):
        services.credit_wallet(wallet=wallet, amount_cents=amount_cents)


def test_refund_is_a_credit_of_kind_refund(customer):
    wallet = services.wallet_for_customer(customer=customer)

    entry = services.credit_wallet(wallet=wallet, amount_cents=250, kind="refund", order_reference="ord_1")

    assert (entry.type, entry.kind, entry.order_reference) == ("credit", "refund", "ord_1")


def test_each_entry_emits_a_transaction_created_event_with_the_api_shape(customer):
    wallet = services.wallet_for_customer(customer=customer)

    entry = services.credit_wallet(wallet=wallet, amount_cents=700)

    event = Event.objects.get(type="wallet.transaction.created")
    assert event.data["object"]["id"] == entry.public_id
    assert event.data["object"]["amount_cents"] == 700
    assert event.data["object"]["currency"] == "EUR"


def test_ledger_entry_refuses_to_be_updated(customer, fund):
    entry = fund(customer, 100).entries.get()
    entry.note = "changed"

    with pytest.raises(ImmutableLedgerEntry):
        entry.save()


def test_ledger_entry_refuses_to_be_deleted(customer, fund):
    entry = fund(customer, 100).entries.get()

    with pytest.raises(ImmutableLedgerEntry):
        entry.delete()


def test_ledger_queryset_refuses_bulk_update_and_delete(customer, fund):
    fund(customer, 100)

    with pytest.raises(ImmutableLedgerEntry):
        LedgerEntry.objects.update(amount_cents=1)
    with pytest.raises(ImmutableLedgerEntry):
        LedgerEntry.objects.all().delete()


def test_adjustment_needs_a_reason(customer):
    with pytest.raises(InvalidInput):
        services.adjust_balance(customer=customer, amount_cents=100, reason="  ", created_by=None)


def test_adjustment_records_the_staff_user_and_reason(customer):
    staff = UserFactory(is_staff=True)

    entry = services.adjust_balance(customer=customer, amount_cents=300, reason="goodwill", created_by=staff)

    assert (entry.created_by, entry.note, entry.amount_cents) == (staff, "goodwill", 300)


def test_transfer_writes_a_debit_and_a_credit_entry(customer, other_customer, fund):
    fund(customer, 5000)

    transfer = services.transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=1200, note="Thanks!")

    entries = {entry.kind: entry for entry in transfer.entries.all()}
    assert transfer.status == Transfer.Status.SUCCEEDED and transfer.completed_at is not None
    assert (entries["transfer_out"].amount_cents, entries["transfer_out"].balance_after_cents) == (-1200, 3800)
    assert (entries["transfer_in"].amount_cents, entries["transfer_in"].balance_after_cents) == (1200, 1200)
    assert Wallet.objects.get(customer=other_customer).balance_cents == 1200


def test_transfer_finds_the_recipient_by_email_case_insensitively(customer, other_customer, fund):
    fund(customer, 500)

    transfer = services.transfer_funds(sender=customer, to=other_customer.email.upper(), amount_cents=500)

    assert transfer.to_wallet.customer == other_customer


def test_transfer_emits_succeeded_and_two_transaction_events(customer, other_customer, fund):
    fund(customer, 500)
    Event.objects.all().delete()

    transfer = services.transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=500)

    types = sorted(Event.objects.values_list("type", flat=True))
    assert types == ["wallet.transaction.created", "wallet.transaction.created", "wallet.transfer.succeeded"]
    payload = Event.objects.get(type="wallet.transfer.succeeded").data["object"]
    assert (payload["id"], payload["from"], payload["to"]) == (
        transfer.public_id,
        customer.public_id,
        other_customer.public_id,
    )


def test_transfer_to_oneself_is_refused(customer, fund):
    fund(customer, 500)

    with pytest.raises(SelfTransfer):
        services.transfer_funds(sender=customer, to=customer.email, amount_cents=100)


def test_transfer_to_an_unknown_recipient_is_refused(customer, fund):
    fund(customer, 500)

    with pytest.raises(RecipientNotFound):
        services.transfer_funds(sender=customer, to="nobody@example.com", amount_cents=100)


def test_transfer_between_wallets_of_different_currencies_is_refused(customer, other_customer, fund):
    fund(customer, 500)
    store = Store.load()
    store.currency = "USD"
    store.save()
    services.wallet_for_customer(customer=other_customer)

    with pytest.raises(CurrencyMismatch):
        services.transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=100)

    assert Transfer.objects.count() == 0


def test_transfer_in_a_currency_other_than_the_wallets_is_refused(customer, other_customer, fund):
    fund(customer, 500)

    with pytest.raises(CurrencyMismatch):
        services.transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=100, currency="USD")


def test_transfer_beyond_the_balance_is_refused_and_writes_nothing(customer, other_customer, fund):
    fund(customer, 500)

    with pytest.raises(InsufficientFunds):
        services.transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=501)

    assert Transfer.objects.count() == 0
    assert LedgerEntry.objects.count() == 1


def test_hold_lowers_available_but_not_the_balance(customer, fund):
    wallet = fund(customer, 1000)

    services.hold_funds(wallet=wallet, amount_cents=600, reference="ord_1")

    wallet.refresh_from_db()
    assert (wallet.balance_cents, wallet.held_cents, wallet.available_cents) == (1000, 600, 400)


def test_hold_beyond_available_is_refused(customer, fund):
    wallet = fund(customer, 1000)
    services.hold_funds(wallet=wallet, amount_cents=600)

    with pytest.raises(InsufficientFunds):
        services.hold_funds(wallet=wallet, amount_cents=401)


def test_debit_cannot_spend_held_funds(customer, fund):
    wallet = fund(customer, 1000)
    services.hold_funds(wallet=wallet, amount_cents=600)

    with pytest.raises(InsufficientFunds):
        services.debit_wallet(wallet=wallet, amount_cents=401)


def test_capture_turns_the_hold_into_a_purchase_entry(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=600, reference="ord_9")

    entry = services.capture_hold(hold=hold)

    wallet.refresh_from_db()
    hold.refresh_from_db()
    assert (entry.kind, entry.amount_cents, entry.order_reference) == ("purchase", -600, "ord_9")
    assert (wallet.balance_cents, wallet.held_cents) == (400, 0)
    assert hold.status == Hold.Status.CAPTURED


def test_release_gives_the_held_amount_back_to_available(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=600)

    released = services.release_hold(hold=hold)

    wallet.refresh_from_db()
    assert released.status == Hold.Status.RELEASED
    assert (wallet.balance_cents, wallet.available_cents) == (1000, 1000)


def test_releasing_twice_changes_nothing_the_second_time(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=600)
    services.release_hold(hold=hold)

    services.release_hold(hold=hold)

    wallet.refresh_from_db()
    assert wallet.held_cents == 0


def test_a_released_hold_cannot_be_captured(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=600)
    services.release_hold(hold=hold)

    with pytest.raises(HoldNotOpen):
        services.capture_hold(hold=hold)


def test_a_captured_hold_cannot_be_released(customer, fund):
    wallet = fund(customer, 1000)
    hold = services.hold_funds(wallet=wallet, amount_cents=600)
    services.capture_hold(hold=hold)

    with pytest.raises(HoldNotOpen):
        services.release_hold(hold=hold)


def test_guest_customer_without_user_can_receive_a_transfer(customer, fund):
    guest = RegisteredCustomerFactory(user=None, email="guest@example.com")
    fund(customer, 300)

    services.transfer_funds(sender=customer, to="guest@example.com", amount_cents=300)

    assert Wallet.objects.get(customer=guest).balance_cents == 300
