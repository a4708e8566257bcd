"""What the workload needs in the fresh soak database: stocked products, payment methods, funded buyers with API
keys, a staff key, a rate-limited user and a webhook endpoint subscribed to every event (the flaky receiver)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from shopplatform.accounts.services import ensure_customer, issue_api_key
from shopplatform.store.models import PaymentMethod, Store
from tests.factories import ProductFactory, UserFactory
from wallet.services import credit_wallet, wallet_for_customer
from webhooks.services import create_endpoint

PRODUCTS = 8
STOCK_PER_PRODUCT = 60
BUYERS = 3
TRANSFER_PARTIES = 4
BUYER_FUNDS_CENTS = 5_000_000
TRANSFER_FUNDS_CENTS = 5_000  # small, so some concurrent transfers are refused for lack of funds
RATE_LIMIT = 20
BUYER_SCOPES = "shop:read shop:write wallet:read wallet:write catalog:read search:read"
STAFF_SCOPES = "catalog:read orders:read orders:write media:read media:write webhooks:read webhooks:write shop:read"


@dataclass
class Party:
    email: str
    customer_id: str
    secret: str


@dataclass
class Seeded:
    products: dict[str, int]  # public id → stock at the start
    slugs: list[str]
    buyers: list[Party]
    transfer_parties: list[Party]
    staff_secret: str
    endpoint_secret: str
    endpoint_id: str


def new_limited_key() -> str:
    """A fresh key with RATE_LIMIT requests a minute (each rate-limit probe starts from an unused count)."""
    user = get_user_model().objects.get(username="soak-limited")
    return issue_api_key(user=user, scopes="catalog:read", rate_limit=RATE_LIMIT)[1]


def _party(name: str, *, funds_cents: int) -> Party:
    user = UserFactory(username=name, email=f"{name}@soak.example")
    customer = ensure_customer(user=user)
    credit_wallet(wallet=wallet_for_customer(customer=customer), amount_cents=funds_cents, note="soak funds")
    _, secret = issue_api_key(user=user, scopes=BUYER_SCOPES, rate_limit=100_000)
    return Party(email=user.email, customer_id=customer.public_id, secret=secret)


def seed(*, receiver_url: str) -> Seeded:
    staff = UserFactory(username="soak-staff", email="staff@soak.example", is_staff=True)
    endpoint = create_endpoint(owner=staff, url=receiver_url, events=[])  # first: it hears every later event
    store = Store.load()
    store.taxes_included = True
    store.save()
    PaymentMethod.objects.create(store=store, method="bank_transfer", title="Bank transfer")
    PaymentMethod.objects.create(store=store, method="credit_card", gateway="stripe", title="Card")
    products = [
        ProductFactory(
            title=f"Soak oak bowl {number}", slug=f"soak-bowl-{number}", price_cents=1000 + 250 * number,
            stock_enabled=True, stock_quantity=STOCK_PER_PRODUCT,
        )
        for number in range(PRODUCTS)
    ]  # fmt: skip
    buyers = [_party(f"soak-buyer-{number}", funds_cents=BUYER_FUNDS_CENTS) for number in range(BUYERS)]
    parties = [_party(f"soak-party-{number}", funds_cents=TRANSFER_FUNDS_CENTS) for number in range(TRANSFER_PARTIES)]
    _, staff_secret = issue_api_key(user=staff, scopes=STAFF_SCOPES, rate_limit=100_000)
    UserFactory(username="soak-limited", email="limited@soak.example")
    return Seeded(
        products={product.public_id: STOCK_PER_PRODUCT for product in products},
        slugs=[product.slug for product in products],
        buyers=buyers,
        transfer_parties=parties,
        staff_secret=staff_secret,
        endpoint_secret=endpoint.secret,
        endpoint_id=endpoint.public_id,
    )
