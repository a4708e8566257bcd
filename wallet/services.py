"""Wallet operations. Each runs in one transaction that locks the wallets it touches (`SELECT … FOR UPDATE`,
always in primary-key order, so A→B and B→A at once queue instead of deadlocking), writes ledger entries and moves
`balance_cents`/`held_cents` by the same amounts, and records its events in the outbox before committing.
"""

from django.db import transaction
from django.utils import timezone

from shopplatform.accounts.models import Customer
from shopplatform.errors import InvalidInput, ShopError
from shopplatform.events import emit_event
from shopplatform.money import validate_currency
from shopplatform.store.models import Store

from .exceptions import (
    CurrencyMismatch,
    CustomerNotFound,
    HoldNotOpen,
    InsufficientFunds,
    InvalidWalletAmount,
    RecipientNotFound,
    SelfTransfer,
)
from .hooks import announce_credit
from .models import Hold, LedgerEntry, Transfer, Wallet
from .representations import LedgerEntryOutput, TransferOutput

CREDIT_KINDS = {LedgerEntry.Kind.ADJUSTMENT, LedgerEntry.Kind.REFUND}
DEBIT_KINDS = {LedgerEntry.Kind.ADJUSTMENT, LedgerEntry.Kind.PURCHASE}


def store_currency() -> str:
    """The currency new wallets take: the store's. Existing wallets keep theirs if the store changes currency."""
    return Store.load().currency


def wallet_for_customer(*, customer: Customer) -> Wallet:
    """Return the customer's wallet, creating an empty one in the store currency on first use."""
    wallet, _ = Wallet.objects.select_related("customer").get_or_create(
        customer=customer, defaults={"currency": store_currency}
    )
    return wallet


def find_customer(
    *, reference: str, not_found: type[ShopError] = CustomerNotFound, param: str = "customer"
) -> Customer:
    """Return the customer with this `cus_` id or e-mail address; raise `not_found` (CustomerNotFound by default)."""
    reference = (reference or "").strip()
    lookup = {"public_id": reference} if reference.startswith("cus_") else {"email": reference.lower()}
    # NUL cannot reach a PostgreSQL text comparison (DataError); no customer id or e-mail contains one.
    customer = Customer.objects.filter(**lookup).first() if reference and "\x00" not in reference else None
    if customer is None:
        raise not_found(f"No customer has the id or e-mail '{reference}'.", param=param)
    return customer


@transaction.atomic
def credit_wallet(
    *,
    wallet: Wallet,
    amount_cents: int,
    kind: str = LedgerEntry.Kind.ADJUSTMENT,
    note: str = "",
    created_by=None,
    order_reference: str = "",
) -> LedgerEntry:
    """Add money to the wallet (an adjustment or a refund). Raise InvalidWalletAmount."""
    _check_kind(kind, CREDIT_KINDS)
    (locked,) = _lock_wallets(wallet)
    return _append_entry(
        wallet=locked,
        amount_cents=_positive(amount_cents),
        kind=kind,
        note=note,
        created_by=created_by,
        order_reference=order_reference,
    )


@transaction.atomic
def debit_wallet(
    *,
    wallet: Wallet,
    amount_cents: int,
    kind: str = LedgerEntry.Kind.ADJUSTMENT,
    note: str = "",
    created_by=None,
    order_reference: str = "",
) -> LedgerEntry:
    """Take money from the wallet's available balance. Raise InsufficientFunds or InvalidWalletAmount."""
    _check_kind(kind, DEBIT_KINDS)
    (locked,) = _lock_wallets(wallet)
    return _append_entry(
        wallet=locked,
        amount_cents=-_positive(amount_cents),
        kind=kind,
        note=note,
        created_by=created_by,
        order_reference=order_reference,
    )


@transaction.atomic
def adjust_balance(*, customer: Customer, amount_cents: int, reason: str, created_by) -> LedgerEntry:
    """Credit (positive) or debit (negative) a customer's wallet by staff decision; `reason` becomes the note.

    Raise InsufficientFunds, InvalidWalletAmount, or InvalidInput when the reason is blank.
    """
    if not (reason or "").strip():
        raise InvalidInput("An adjustment needs a reason.", param="reason")
    wallet = wallet_for_customer(customer=customer)
    operation = credit_wallet if amount_cents > 0 else debit_wallet
    return operation(wallet=wallet, amount_cents=abs(amount_cents), note=reason.strip(), created_by=created_by)


@transaction.atomic
def transfer_funds(
    *, sender: Customer, to: str, amount_cents: int, currency: str | None = None, note: str = "", created_by=None
) -> Transfer:
    """Move money from the sender's wallet to the customer named by `to` (`cus_` id or e-mail); done on return.

    Raise RecipientNotFound, SelfTransfer, CurrencyMismatch, InsufficientFunds or InvalidWalletAmount.
    """
    amount_cents = _positive(amount_cents)
    recipient = find_customer(reference=to, not_found=RecipientNotFound, param="to")
    if recipient.pk == sender.pk:
        raise SelfTransfer("A transfer must go to another customer.", param="to")
    source, target = _lock_wallets(wallet_for_customer(customer=sender), wallet_for_customer(customer=recipient))
    currency = validate_currency(currency or source.currency)
    if currency != source.currency:
        raise CurrencyMismatch(f"Your wallet holds {source.currency}, not {currency}.", param="currency")
    if target.currency != source.currency:
        raise CurrencyMismatch(
            f"The recipient's wallet holds {target.currency}; transfers need the same currency.", param="to"
        )
    transfer = Transfer.objects.create(
        from_wallet=source,
        to_wallet=target,
        amount_cents=amount_cents,
        currency=currency,
        note=note,
        status=Transfer.Status.SUCCEEDED,
        completed_at=timezone.now(),
    )
    common = {"transfer": transfer, "note": note, "created_by": created_by}
    _append_entry(wallet=source, amount_cents=-amount_cents, kind=LedgerEntry.Kind.TRANSFER_OUT, **common)
    _append_entry(wallet=target, amount_cents=amount_cents, kind=LedgerEntry.Kind.TRANSFER_IN, **common)
    emit_event("wallet.transfer.succeeded", obj=TransferOutput(transfer).data)
    return transfer


@transaction.atomic
def hold_funds(*, wallet: Wallet, amount_cents: int, reference: str = "") -> Hold:
    """Reserve money for a checkout: it stays in the balance but leaves `available`. Raise InsufficientFunds."""
    amount_cents = _positive(amount_cents)
    (locked,) = _lock_wallets(wallet)
    _require_available(locked, amount_cents)
    locked.held_cents += amount_cents
    locked.save(update_fields=["held_cents", "updated_at"])
    return Hold.objects.create(wallet=locked, amount_cents=amount_cents, reference=reference)


@transaction.atomic
def capture_hold(*, hold: Hold, note: str = "", created_by=None) -> LedgerEntry:
    """Turn an open hold into a purchase debit referencing the hold's order. Raise HoldNotOpen."""
    (locked,) = _lock_wallets(hold.wallet)
    hold = _reread_open_hold(hold)
    locked.held_cents -= hold.amount_cents
    hold.status, hold.completed_at = Hold.Status.CAPTURED, timezone.now()
    hold.save(update_fields=["status", "completed_at"])
    return _append_entry(
        wallet=locked,
        amount_cents=-hold.amount_cents,
        kind=LedgerEntry.Kind.PURCHASE,
        note=note,
        created_by=created_by,
        order_reference=hold.reference,
    )


@transaction.atomic
def release_hold(*, hold: Hold) -> Hold:
    """Give held money back to `available`. Releasing twice is a no-op; raise HoldNotOpen if it was captured."""
    (locked,) = _lock_wallets(hold.wallet)
    current = Hold.objects.select_for_update().get(pk=hold.pk)
    if current.status == Hold.Status.RELEASED:
        return current
    current = _reread_open_hold(current)
    locked.held_cents -= current.amount_cents
    locked.save(update_fields=["held_cents", "updated_at"])
    current.status, current.completed_at = Hold.Status.RELEASED, timezone.now()
    current.save(update_fields=["status", "completed_at"])
    return current


def _lock_wallets(*wallets: Wallet) -> list[Wallet]:
    """Re-read the wallets under row locks taken in pk order; return them in the order given."""
    by_pk = {
        wallet.pk: wallet
        for wallet in Wallet.objects.select_for_update()
        .select_related("customer")
        .filter(pk__in=[wallet.pk for wallet in wallets])
        .order_by("pk")
    }
    return [by_pk[wallet.pk] for wallet in wallets]


def _reread_open_hold(hold: Hold) -> Hold:
    current = Hold.objects.select_for_update().get(pk=hold.pk)
    if current.status != Hold.Status.HELD:
        raise HoldNotOpen(f"The hold is already {current.status}.")
    return current


def _append_entry(*, wallet: Wallet, amount_cents: int, kind: str, **fields) -> LedgerEntry:
    """Write one entry and move the locked wallet's balance by the same amount, in the caller's transaction."""
    if amount_cents < 0:
        _require_available(wallet, -amount_cents)
    wallet.balance_cents += amount_cents
    wallet.save(update_fields=["balance_cents", "held_cents", "updated_at"])
    entry = LedgerEntry.objects.create(
        wallet=wallet,
        amount_cents=amount_cents,
        type=LedgerEntry.Type.CREDIT if amount_cents > 0 else LedgerEntry.Type.DEBIT,
        kind=kind,
        balance_after_cents=wallet.balance_cents,
        **fields,
    )
    emit_event("wallet.transaction.created", obj=LedgerEntryOutput(entry).data)
    if amount_cents > 0:
        announce_credit(entry)
    return entry


def _require_available(wallet: Wallet, amount_cents: int) -> None:
    if wallet.available_cents < amount_cents:
        raise InsufficientFunds(
            f"The wallet has {wallet.available_cents} cents available; {amount_cents} are needed.",
            param="amount_cents",
        )


def _positive(amount_cents) -> int:
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents <= 0:
        raise InvalidWalletAmount("Amounts are positive integers of cents.", param="amount_cents")
    return amount_cents


def _check_kind(kind: str, allowed: set[str]) -> None:
    if kind not in allowed:
        raise ValueError(f"Entry kind {kind!r} is not one of {sorted(allowed)}; transfers use transfer_funds.")
