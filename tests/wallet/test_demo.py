"""wallet.demo.seed_demo: demo credit for the seed's customers, idempotent, tolerant of absent customers."""

import io

import pytest

from tests.accounts.factories import RegisteredCustomerFactory
from wallet.demo import WELCOME_CREDITS_CENTS, seed_demo
from wallet.models import LedgerEntry, Transfer, Wallet

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_customers():
    return [RegisteredCustomerFactory(user=None, email=email) for email in WELCOME_CREDITS_CENTS]


def test_seed_credits_demo_customers_and_makes_one_transfer(demo_customers):
    seed_demo(stdout=io.StringIO())

    ana = Wallet.objects.get(customer__email="ana.silva@example.com")
    assert ana.balance_cents == 5000 + 1500
    assert Transfer.objects.count() == 1


def test_seed_twice_adds_nothing(demo_customers):
    seed_demo(stdout=io.StringIO())
    entries = LedgerEntry.objects.count()

    seed_demo(stdout=io.StringIO())

    assert LedgerEntry.objects.count() == entries
    assert Transfer.objects.count() == 1


def test_seed_skips_absent_customers():
    RegisteredCustomerFactory(user=None, email="marie.dupont@example.com")
    output = io.StringIO()

    seed_demo(stdout=output)

    assert Wallet.objects.get().balance_cents == 2500
    assert "1 credited, 0 transfer" in output.getvalue()
