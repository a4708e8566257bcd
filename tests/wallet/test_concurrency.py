"""Wallets under concurrent use on PostgreSQL, with real threads (never overdraw, ledger balances,
no deadlock, an idempotent retry executes once)."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Sum

from tests.accounts.factories import RegisteredCustomerFactory
from wallet import services
from wallet.exceptions import InsufficientFunds
from wallet.models import LedgerEntry, Transfer, Wallet

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_in_threads(count: int, work) -> list:
    """Start `count` threads at once on `work(index)`; return each outcome (a result or the exception raised)."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def target(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def ledger_sum(wallet: Wallet) -> int:
    return LedgerEntry.objects.filter(wallet=wallet).aggregate(total=Sum("amount_cents"))["total"] or 0


def test_parallel_transfers_never_overdraw(fund):
    """20 transfers of 10.00 from a wallet holding 50.00: exactly 5 succeed."""
    sender, recipient = RegisteredCustomerFactory(), RegisteredCustomerFactory()
    source = fund(sender, 5000)
    target = services.wallet_for_customer(customer=recipient)

    outcomes = run_in_threads(
        20, lambda _: services.transfer_funds(sender=sender, to=recipient.public_id, amount_cents=1000)
    )

    kinds = Counter(type(outcome).__name__ for outcome in outcomes)
    source.refresh_from_db()
    target.refresh_from_db()
    assert kinds == {"Transfer": 5, "InsufficientFunds": 15}
    assert (source.balance_cents, target.balance_cents) == (0, 5000)
    assert (ledger_sum(source), ledger_sum(target)) == (0, 5000)
    assert Transfer.objects.count() == 5


def test_opposing_transfers_finish_without_deadlock(fund):
    """A→B and B→A at the same time: wallets are locked in pk order, so every transfer completes."""
    first, second = RegisteredCustomerFactory(), RegisteredCustomerFactory()
    wallet_a, wallet_b = fund(first, 10_000), fund(second, 10_000)

    def work(index: int):
        sender, recipient = (first, second) if index % 2 else (second, first)
        return services.transfer_funds(sender=sender, to=recipient.public_id, amount_cents=100 + index)

    outcomes = run_in_threads(16, work)

    wallet_a.refresh_from_db()
    wallet_b.refresh_from_db()
    assert all(isinstance(outcome, Transfer) for outcome in outcomes), outcomes
    assert wallet_a.balance_cents + wallet_b.balance_cents == 20_000
    assert (ledger_sum(wallet_a), ledger_sum(wallet_b)) == (wallet_a.balance_cents, wallet_b.balance_cents)


def test_parallel_holds_and_debits_never_exceed_the_balance(fund):
    """Checkout holds and direct debits compete for the same money; available never goes negative."""
    buyer = RegisteredCustomerFactory()
    wallet = fund(buyer, 3000)

    def work(index: int):
        if index % 2:
            return services.hold_funds(wallet=wallet, amount_cents=1000, reference=f"ord_{index}")
        return services.debit_wallet(wallet=wallet, amount_cents=1000, kind="purchase")

    outcomes = run_in_threads(10, work)

    wallet.refresh_from_db()
    succeeded = [outcome for outcome in outcomes if not isinstance(outcome, InsufficientFunds)]
    assert len(succeeded) == 3
    assert wallet.available_cents == 0
    assert ledger_sum(wallet) == wallet.balance_cents


def test_idempotent_transfer_retried_concurrently_executes_once(make_client, fund):
    """the same Idempotency-Key sent by 8 threads at once moves money once."""
    sender, recipient = RegisteredCustomerFactory(), RegisteredCustomerFactory()
    fund(sender, 5000)
    secret = make_client(sender.user).secret

    def work(_):
        client = make_client()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_IDEMPOTENCY_KEY="transfer-retry-0001")
        return client.post("/api/v1/wallet/transfers", {"to": recipient.email, "amount_cents": 700}, format="json")

    responses = run_in_threads(8, work)

    statuses = Counter(response.status_code for response in responses)
    created_ids = {response.json()["id"] for response in responses if response.status_code == 201}
    assert set(statuses) <= {201, 409}
    assert len(created_ids) == 1
    assert Transfer.objects.count() == 1
    assert Wallet.objects.get(customer=recipient).balance_cents == 700
