"""Wallet rows as a page of the back-office shows them: a customer's wallet, its entries, transfers and holds.

Balances here are set directly, to fill lists; tests of money movement go through wallet.services.
"""

import factory

from tests.accounts.factories import RegisteredCustomerFactory
from wallet.models import Hold, LedgerEntry, Transfer, Wallet


class WalletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wallet

    customer = factory.SubFactory(RegisteredCustomerFactory)
    currency = "EUR"


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    from_wallet = factory.SubFactory(WalletFactory)
    to_wallet = factory.SubFactory(WalletFactory)
    amount_cents = 500
    currency = "EUR"
    status = Transfer.Status.SUCCEEDED


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerEntry

    wallet = factory.SubFactory(WalletFactory)
    amount_cents = 500
    type = LedgerEntry.Type.CREDIT
    kind = LedgerEntry.Kind.TRANSFER_IN
    transfer = factory.SubFactory(TransferFactory, to_wallet=factory.SelfAttribute("..wallet"))
    balance_after_cents = 500


class HoldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hold

    wallet = factory.SubFactory(WalletFactory)
    amount_cents = 300
    reference = factory.Sequence(lambda n: f"ord_{n:022d}")
