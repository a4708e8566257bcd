"""Back-office wallets: formatted balances, read-only ledger, adjustments only through ledger entries."""

import pytest
from django.urls import reverse

from wallet.models import LedgerEntry, Wallet

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_browser(client, admin_user):
    client.force_login(admin_user)
    return client


def test_wallet_list_shows_balances_in_the_store_locale(admin_browser, customer, fund):
    fund(customer, 12345)

    response = admin_browser.get(reverse("admin:wallet_wallet_changelist") + f"?q={customer.email}")

    assert response.status_code == 200
    assert "123,45\xa0€" in response.content.decode()  # the default store: EUR, pt_PT


def test_wallet_page_shows_the_ledger_read_only(admin_browser, customer, fund):
    wallet = fund(customer, 500)

    response = admin_browser.get(reverse("admin:wallet_wallet_change", args=[wallet.pk]))

    assert response.status_code == 200
    assert wallet.entries.get().public_id in response.content.decode()
    assert "Adjust balance" in response.content.decode()


def test_posting_the_wallet_form_cannot_change_the_balance(admin_browser, customer, fund):
    wallet = fund(customer, 500)

    admin_browser.post(reverse("admin:wallet_wallet_change", args=[wallet.pk]), {"balance_cents": 999_999})

    wallet.refresh_from_db()
    assert wallet.balance_cents == 500


def test_adjust_form_writes_a_ledger_entry_signed_by_the_staff_user(admin_browser, admin_user, customer, fund):
    wallet = fund(customer, 500)

    response = admin_browser.post(
        reverse("admin:wallet_wallet_adjust", args=[wallet.pk]),
        {"type": "debit", "amount": "1.50", "reason": "damaged parcel fee"},
    )

    entry = wallet.entries.order_by("-pk").first()
    wallet.refresh_from_db()
    assert response.status_code == 302
    assert (entry.amount_cents, entry.note, entry.created_by) == (-150, "damaged parcel fee", admin_user)
    assert wallet.balance_cents == 350


def test_adjust_form_refuses_an_overdraw_and_writes_nothing(admin_browser, customer, fund):
    wallet = fund(customer, 500)

    response = admin_browser.post(
        reverse("admin:wallet_wallet_adjust", args=[wallet.pk]), {"type": "debit", "amount": "6", "reason": "too much"}
    )

    assert response.status_code == 200
    assert "available" in response.content.decode()
    assert LedgerEntry.objects.filter(wallet=wallet).count() == 1


def test_adjust_form_requires_a_reason(admin_browser, customer, fund):
    wallet = fund(customer, 500)

    response = admin_browser.post(
        reverse("admin:wallet_wallet_adjust", args=[wallet.pk]), {"type": "credit", "amount": "1", "reason": ""}
    )

    assert response.status_code == 200
    assert Wallet.objects.get(pk=wallet.pk).balance_cents == 500


def test_ledger_entries_cannot_be_deleted_in_the_admin(admin_browser, customer, fund):
    entry = fund(customer, 500).entries.get()

    response = admin_browser.post(reverse("admin:wallet_ledgerentry_delete", args=[entry.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()
