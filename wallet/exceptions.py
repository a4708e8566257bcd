"""Errors the wallet services raise; each renders as problem+json with its status and code."""

from shopplatform.errors import Conflict, InvalidInput, NotFound


class InsufficientFunds(Conflict):
    """The wallet's available balance (balance minus holds) is lower than the amount; nothing was written."""

    code, title = "insufficient_funds", "Insufficient funds"


class CurrencyMismatch(Conflict):
    """The amount's currency differs from the wallet's, or the two wallets of a transfer hold different currencies."""

    code, title = "currency_mismatch", "Currency mismatch"


class SelfTransfer(InvalidInput):
    """A transfer must go to another customer's wallet."""

    code, title = "self_transfer", "Transfer to oneself"


class InvalidWalletAmount(InvalidInput):
    """Wallet amounts are positive integers of minor units (cents)."""

    code, title = "invalid_wallet_amount", "Invalid wallet amount"


class CustomerNotFound(InvalidInput):
    """No customer has this `cus_` id or e-mail address."""

    code, title = "customer_not_found", "Customer not found"


class RecipientNotFound(CustomerNotFound):
    """The transfer's `to` names no customer (by `cus_` id or e-mail address)."""

    code, title = "recipient_not_found", "Recipient not found"


class WalletNotFound(NotFound):
    """`?customer=` names no customer, so there is no wallet to show."""

    code, title = "wallet_not_found", "Wallet not found"


class HoldNotOpen(Conflict):
    """The hold was already captured or released."""

    code, title = "hold_not_open", "Hold not open"


class ImmutableLedgerEntry(Conflict):
    """Ledger entries are append-only: they are never changed or deleted; correct with a new entry."""

    code, title = "immutable_ledger_entry", "Ledger entries are append-only"
