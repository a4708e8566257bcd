"""`manage.py wallet_audit`: balances equal the sum of their entries, held amounts their open holds."""

import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from wallet import services
from wallet.models import Wallet

pytestmark = pytest.mark.django_db


def test_audit_passes_when_every_balance_matches_its_ledger(customer, other_customer, fund):
    fund(customer, 1000)
    services.transfer_funds(sender=customer, to=other_customer.public_id, amount_cents=400)
    output = io.StringIO()

    call_command("wallet_audit", stdout=output)

    assert "2 wallet(s) checked" in output.getvalue()


def test_audit_fails_naming_a_wallet_whose_balance_was_tampered_with(customer, other_customer, fund, tampered_ledger):
    fund(customer, 1000)
    fund(other_customer, 200)
    Wallet.objects.filter(customer=customer).update(balance_cents=999_999)
    errors = io.StringIO()

    with pytest.raises(CommandError):
        call_command("wallet_audit", stdout=io.StringIO(), stderr=errors)

    assert customer.public_id in errors.getvalue()
    assert other_customer.public_id not in errors.getvalue()


def test_audit_fails_when_held_cents_differs_from_open_holds(customer, fund, tampered_ledger):
    wallet = fund(customer, 1000)
    services.hold_funds(wallet=wallet, amount_cents=300)
    Wallet.objects.filter(pk=wallet.pk).update(held_cents=0)
    errors = io.StringIO()

    with pytest.raises(CommandError):
        call_command("wallet_audit", stdout=io.StringIO(), stderr=errors)

    assert "held_cents 0 != sum of open holds 300" in errors.getvalue()


def test_audit_exits_non_zero_from_the_command_line(customer, fund, tampered_ledger):
    fund(customer, 1000)
    Wallet.objects.filter(customer=customer).update(balance_cents=1)

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "wallet_audit"])

    assert exited.value.code == 1
