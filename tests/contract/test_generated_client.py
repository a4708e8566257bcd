"""An integrator's journey through the client generated from our OpenAPI document, against a live server.

Browse anonymously, fill a cart, check out with the wallet, read the order, subscribe a webhook endpoint and page
through the wallet's ledger with cursors: every call and every response goes through the generated, typed code.
"""

import pytest

from shopplatform.accounts.services import ensure_customer, issue_api_key
from shopplatform.store.models import Store
from tests.factories import ProductFactory, ShippingMethodFactory, UserFactory
from wallet.services import credit_wallet, wallet_for_customer

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = {"name": "Ana Silva", "address": "Rua Augusta 1", "city": "Lisboa", "zip_code": "1100-048"}


def test_the_generator_reports_no_warning(generated_client):
    _, generation, _ = generated_client

    assert "Warning" not in generation


def test_the_generated_client_passes_a_strict_type_check(generated_client):
    _, _, type_check = generated_client

    assert "Success: no issues found" in type_check


@pytest.fixture
def shop(settings):
    """A product in stock, a courier to Portugal, a funded buyer and a merchant, each with a key."""
    settings.SHOP_ALLOW_PRIVATE_URLS = True  # the webhook endpoint points at the live server on loopback
    Store.load()
    product = ProductFactory(title="Oak bowl", price_cents=1500, stock_enabled=True, stock_quantity=5)
    courier = ShippingMethodFactory(title="Courier", price_cents=500, countries=["PRT"])
    buyer = UserFactory()
    wallet = wallet_for_customer(customer=ensure_customer(user=buyer))
    for amount_cents in (4000, 3000, 3000):
        credit_wallet(wallet=wallet, amount_cents=amount_cents, note="top-up")
    _, buyer_secret = issue_api_key(user=buyer, scopes="all")
    _, merchant_secret = issue_api_key(user=UserFactory(is_staff=True), scopes="all")
    return {"product": product, "courier": courier, "buyer_key": buyer_secret, "merchant_key": merchant_secret}


def test_journey_from_browsing_to_a_paid_order_and_a_webhook_endpoint(generated_client, live_server, shop):
    package, _, _ = generated_client
    from shopplatform_api_client import AuthenticatedClient, Client
    from shopplatform_api_client.api.carts import carts_checkout_create, carts_create
    from shopplatform_api_client.api.orders import orders_retrieve
    from shopplatform_api_client.api.products import products_list
    from shopplatform_api_client.api.wallet import wallet_transactions_list
    from shopplatform_api_client.api.webhook_endpoints import webhook_endpoints_create
    from shopplatform_api_client.models import (
        AddressRequest,
        CartInputRequest,
        CartLineInputRequest,
        CheckoutInputRequest,
        CheckoutPaymentMethodEnum,
        WebhookEndpointInputRequest,
        WebhookEventTypeEnum,
    )

    assert package.__name__ == "shopplatform_api_client"
    anonymous = Client(base_url=live_server.url)
    buyer = AuthenticatedClient(base_url=live_server.url, token=shop["buyer_key"])
    merchant = AuthenticatedClient(base_url=live_server.url, token=shop["merchant_key"])

    listing = products_list.sync(client=anonymous, q="oak")
    assert [product.id for product in listing.data] == [shop["product"].public_id]

    cart = carts_create.sync(
        client=buyer,
        body=CartInputRequest(
            lines=[CartLineInputRequest(product=shop["product"].public_id, quantity=2)],
            delivery_address=AddressRequest(country_code="PRT", **ADDRESS),
            shipping_method=shop["courier"].public_id,
        ),
    )
    order = carts_checkout_create.sync(
        cart.id, client=buyer, body=CheckoutInputRequest(payment_method=CheckoutPaymentMethodEnum.WALLET)
    )
    assert (order.paid, order.total_cents) == (True, 3500)

    fetched = orders_retrieve.sync(order.id, client=buyer)
    assert (fetched.id, fetched.status_alias) == (order.id, "processing")

    endpoint = webhook_endpoints_create.sync(
        client=merchant,
        body=WebhookEndpointInputRequest(url=f"{live_server.url}/hooks", events=[WebhookEventTypeEnum.ORDER_PAID]),
    )
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.events == ["order.paid"]

    seen, cursor = [], None
    while True:
        page = wallet_transactions_list.sync(client=buyer, limit=1, **({"starting_after": cursor} if cursor else {}))
        seen += [entry.amount_cents for entry in page.data]
        if not page.has_more:
            break
        cursor = page.next_cursor
    assert sorted(seen) == [-3500, 3000, 3000, 4000]
