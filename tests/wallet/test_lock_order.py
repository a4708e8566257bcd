"""Wallets are locked in primary-key order, whatever order `Wallet.Meta.ordering` (newest first) would give.

Two transfers A→B and B→A at once must ask for the same rows in the same order, or each may hold one lock and
wait for the other. Threads rarely hit that window, so this checks the order itself: the `SELECT … FOR UPDATE`
is run again, with the wallets' `updated_at` set once more to the reverse of key order (the transfer itself
touched them), and its rows must come back (and so be locked) by ascending id.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wallet.models import Wallet
from wallet.services import transfer_funds

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def date_in_reverse_key_order(older: Wallet, newer: Wallet) -> None:
    """Make newest-first ordering list the higher key first: the reverse of key order."""
    now = timezone.now()
    Wallet.objects.filter(pk=older.pk).update(updated_at=now - timedelta(days=1))
    Wallet.objects.filter(pk=newer.pk).update(updated_at=now)


def locked_wallet_ids(queries: list[dict]) -> list[list[int]]:
    """For each `SELECT … FOR UPDATE` on wallets, the wallet ids in the order PostgreSQL returns and locks them."""
    table = Wallet._meta.db_table
    statements = [
        query["sql"] for query in queries if "FOR UPDATE" in query["sql"] and f'FROM "{table}"' in query["sql"]
    ]
    with connection.cursor() as cursor:
        orders = []
        for sql in statements:
            cursor.execute(sql)
            columns = [column.name for column in cursor.description]
            orders.append([row[columns.index("id")] for row in cursor.fetchall()])
    return orders


def test_transfer_locks_both_wallets_in_primary_key_order(fund, customer, other_customer):
    older, newer = fund(customer, 5_000), fund(other_customer, 5_000)
    date_in_reverse_key_order(older, newer)
    assert list(Wallet.objects.values_list("pk", flat=True)) == sorted([older.pk, newer.pk], reverse=True)

    with CaptureQueriesContext(connection) as captured:
        transfer_funds(sender=other_customer, to=customer.public_id, amount_cents=100)
    date_in_reverse_key_order(older, newer)

    assert locked_wallet_ids(captured.captured_queries) == [sorted([older.pk, newer.pk])]


def test_transfer_the_other_way_locks_in_the_same_order(fund, customer, other_customer):
    older, newer = fund(customer, 5_000), fund(other_customer, 5_000)
    date_in_reverse_key_order(older, newer)

    with CaptureQueriesContext(connection) as captured:
        transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=100)
    date_in_reverse_key_order(older, newer)

    assert locked_wallet_ids(captured.captured_queries) == [sorted([older.pk, newer.pk])]
