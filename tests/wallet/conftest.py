"""Wallet fixtures. After every database test the ledger audit runs: balances must equal their entries."""

import io

import pytest
from django.core.management import call_command

from tests.accounts.factories import RegisteredCustomerFactory
from wallet import services


@pytest.fixture(autouse=True)
def _ledger_balances_after_test(request):
    yield
    uses_db = request.node.get_closest_marker("django_db") or "db" in request.fixturenames
    if uses_db and "tampered_ledger" not in request.fixturenames:
        call_command("wallet_audit", stdout=io.StringIO())


@pytest.fixture
def tampered_ledger():
    """Opt out of the after-test audit: the test corrupts balances on purpose."""


@pytest.fixture
def customer():
    return RegisteredCustomerFactory()


@pytest.fixture
def other_customer():
    return RegisteredCustomerFactory()


@pytest.fixture
def fund():
    """Credit a customer's wallet through the service and return the wallet."""

    def credit(customer, amount_cents: int):
        wallet = services.wallet_for_customer(customer=customer)
        services.credit_wallet(wallet=wallet, amount_cents=amount_cents, note="test funds")
        wallet.refresh_from_db()
        return wallet

    return credit
