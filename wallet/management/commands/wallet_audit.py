"""`manage.py wallet_audit`: check every wallet against its ledger and holds; exit 1 naming each mismatch."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from wallet.models import Hold, LedgerEntry, Wallet


def _sum_of(queryset, field: str):
    """A correlated subquery summing `field` over one wallet's rows (0 when there are none)."""
    total = queryset.values("wallet").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total), Value(0))


class Command(BaseCommand):
    help = "Exit non-zero if any wallet's balance differs from the sum of its entries or its held amount from its open holds."

    def handle(self, *args, **options) -> None:
        wallets = (
            Wallet.objects.select_related("customer")
            .annotate(
                ledger_cents=_sum_of(LedgerEntry.objects.filter(wallet=OuterRef("pk")), "amount_cents"),
                open_hold_cents=_sum_of(
                    Hold.objects.filter(wallet=OuterRef("pk"), status=Hold.Status.HELD), "amount_cents"
                ),
            )
            .order_by("pk")
        )
        problems = []
        count = 0
        for wallet in wallets.iterator(chunk_size=2000):
            count += 1
            if wallet.balance_cents != wallet.ledger_cents:
                problems.append(
                    f"{wallet.customer.public_id} ({wallet.customer.email}): balance_cents {wallet.balance_cents}"
                    f" != sum of entries {wallet.ledger_cents}"
                )
            if wallet.held_cents != wallet.open_hold_cents:
                problems.append(
                    f"{wallet.customer.public_id} ({wallet.customer.email}): held_cents {wallet.held_cents}"
                    f" != sum of open holds {wallet.open_hold_cents}"
                )
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} mismatch(es) in {count} wallet(s).")
        self.stdout.write(self.style.SUCCESS(f"{count} wallet(s) checked: every balance matches its ledger."))
