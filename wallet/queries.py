"""Read-side querysets of the wallet API, each with the joins its serializer needs (constant query count)."""

from django.db.models import Q, QuerySet

from shopplatform.accounts.models import Customer

from .models import LedgerEntry, Transfer, Wallet


def entries_of_wallet(*, wallet: Wallet) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(wallet=wallet).select_related("wallet", "transfer")


def transfers_visible_to(*, customer: Customer | None) -> QuerySet[Transfer]:
    """Transfers the customer sent or received; every transfer when `customer` is None (staff)."""
    transfers = Transfer.objects.select_related("from_wallet__customer", "to_wallet__customer")
    if customer is None:
        return transfers
    return transfers.filter(Q(from_wallet__customer=customer) | Q(to_wallet__customer=customer))
