"""Demo wallet data for `manage.py seed_demo`: welcome credit for the demo customers and one transfer.

The demo buyer's credit pays for their pattern in orders.demo, so their wallet shows a credit and a purchase.

Customers come from the store's seed; any that are absent are skipped. Running it again adds nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from shopplatform.accounts.demo import BUYER_EMAIL
from shopplatform.accounts.models import Customer

from . import services
from .models import LedgerEntry, Transfer

WELCOME_NOTE = "Demo welcome credit"
WELCOME_CREDITS_CENTS = {
    "ana.silva@example.com": 5000,
    "joao.costa@example.com": 12000,
    "marie.dupont@example.com": 2500,
    BUYER_EMAIL: 10000,
}
DEMO_TRANSFER = {"sender": "joao.costa@example.com", "to": "ana.silva@example.com", "amount_cents": 1500}
DEMO_TRANSFER_NOTE = "Demo: thanks for lunch"


@transaction.atomic
def seed_demo(*, stdout) -> None:
    customers = {customer.email: customer for customer in Customer.objects.filter(email__in=WELCOME_CREDITS_CENTS)}
    staff = get_user_model().objects.filter(username="admin", is_staff=True).first()
    credited = 0
    for email, amount_cents in WELCOME_CREDITS_CENTS.items():
        if email not in customers:
            continue
        wallet = services.wallet_for_customer(customer=customers[email])
        if LedgerEntry.objects.filter(wallet=wallet, note=WELCOME_NOTE).exists():
            continue
        services.credit_wallet(wallet=wallet, amount_cents=amount_cents, note=WELCOME_NOTE, created_by=staff)
        credited += 1
    sender, recipient = customers.get(DEMO_TRANSFER["sender"]), customers.get(DEMO_TRANSFER["to"])
    transferred = 0
    if sender and recipient and not Transfer.objects.filter(note=DEMO_TRANSFER_NOTE).exists():
        services.transfer_funds(
            sender=sender, to=recipient.email, amount_cents=DEMO_TRANSFER["amount_cents"], note=DEMO_TRANSFER_NOTE
        )
        transferred = 1
    stdout.write(f"Wallets: {credited} credited, {transferred} transfer made ({len(customers)} demo customers found).")
