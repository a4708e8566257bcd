"""Every API route and method against the scope it needs, written out here and not read from the views.

The routes are walked from the URL resolver (the same walk that builds the OpenAPI document), so a route added
without an entry below fails `test_every_route_and_method_declares_its_scope`, and a route whose view stops
checking its scope (or checks another one) fails `test_a_key_without_the_required_scope_is_refused`.
"""

import re

import pytest
from drf_spectacular.generators import EndpointEnumerator

from shopplatform.api.scopes import SCOPES

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1/"

# The scope each operation needs from a staff (merchant) key; a tuple means any one of them will do.
REQUIRED_SCOPE: dict[str, dict[str, str | tuple[str, ...]]] = {
    "/api/v1/brands/": {"GET": "catalog:read", "POST": "catalog:write"},
    "/api/v1/brands/{id}/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
        "DELETE": "catalog:write",
    },
    "/api/v1/api-keys/": {"POST": "keys:write"},
    "/api/v1/carts/": {"POST": "shop:write"},
    "/api/v1/products/{product_id}/stock-alerts/": {"POST": "shop:write"},
    "/api/v1/carts/{id}/": {"GET": "shop:read", "PUT": "shop:write", "PATCH": "shop:write"},
    "/api/v1/carts/{id}/checkout/": {"POST": "shop:write"},
    "/api/v1/carts/{id}/lines/": {"POST": "shop:write"},
    "/api/v1/carts/{id}/lines/{line_id}/": {"PUT": "shop:write", "PATCH": "shop:write", "DELETE": "shop:write"},
    "/api/v1/categories/": {"GET": "catalog:read", "POST": "catalog:write"},
    "/api/v1/categories/{id}/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
        "DELETE": "catalog:write",
    },
    "/api/v1/coupons/": {"GET": "orders:read", "POST": "orders:write"},
    "/api/v1/coupons/{id}/": {
        "GET": "orders:read",
        "PUT": "orders:write",
        "PATCH": "orders:write",
        "DELETE": "orders:write",
    },
    "/api/v1/customers/": {"GET": "customers:read", "POST": "customers:write"},
    "/api/v1/customers/{id}/": {
        "GET": "customers:read",
        "PUT": "customers:write",
        "PATCH": "customers:write",
        "DELETE": "customers:write",
    },
    "/api/v1/dsar/request/": {"POST": "privacy:write"},
    "/api/v1/events/": {"GET": "webhooks:read"},
    "/api/v1/events/{id}/": {"GET": "webhooks:read"},
    "/api/v1/media/": {"GET": "media:read", "POST": "media:write", "DELETE": "media:write"},
    "/api/v1/media/{id}/": {"GET": "media:read", "DELETE": "media:write"},
    "/api/v1/news/": {"GET": "news:read"},
    "/api/v1/news/{id}/": {"GET": "news:read"},
    "/api/v1/orders/": {"GET": "orders:read"},
    "/api/v1/orders/{id}/": {
        "GET": "orders:read",
        "PUT": "orders:write",
        "PATCH": "orders:write",
        "DELETE": "orders:write",
    },
    "/api/v1/orders/bulk/": {"PUT": "orders:write", "PATCH": "orders:write"},
    "/api/v1/privacy/requests/": {"POST": "privacy:write"},
    "/api/v1/privacy/requests/{id}/": {"GET": "privacy:write"},
    "/api/v1/products/": {"GET": ("catalog:read", "shop:read"), "POST": "catalog:write"},
    "/api/v1/products/{id}/": {
        "GET": ("catalog:read", "shop:read"),
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
        "DELETE": "catalog:write",
    },
    "/api/v1/products/{product_id}/claim/": {"POST": "shop:write"},
    "/api/v1/products/{product_id}/download/{version_id}/": {"GET": "catalog:read"},
    "/api/v1/products/{product_id}/option-groups/": {"GET": "catalog:read", "POST": "catalog:write"},
    "/api/v1/products/{product_id}/option-groups/{id}/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
        "DELETE": "catalog:write",
    },
    "/api/v1/products/{product_id}/passport/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
    },
    "/api/v1/products/{product_id}/reviews/": {"GET": "catalog:read", "POST": "shop:write"},
    "/api/v1/products/{product_id}/variants/": {"GET": "catalog:read"},
    "/api/v1/products/{product_id}/variants/{id}/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
        "DELETE": "catalog:write",
    },
    "/api/v1/products/{product_id}/versions/": {"GET": "catalog:read", "POST": "catalog:write"},
    "/api/v1/products/{product_id}/versions/{id}/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
    },
    "/api/v1/reviews/{id}/": {
        "GET": "catalog:read",
        "PUT": "catalog:write",
        "PATCH": "catalog:write",
        "DELETE": "shop:write",
    },
    "/api/v1/reviews/{id}/helpful/": {"POST": "shop:write"},
    "/api/v1/search/": {"GET": "search:read"},
    "/api/v1/shipping-methods/": {"POST": "orders:write"},
    "/api/v1/shipping-methods/{id}/": {"PUT": "orders:write", "PATCH": "orders:write", "DELETE": "orders:write"},
    "/api/v1/wallet/adjustments/": {"POST": "wallet:write"},
    "/api/v1/wallet/balance/": {"GET": "wallet:read"},
    "/api/v1/wallet/transactions/": {"GET": "wallet:read"},
    "/api/v1/wallet/transfers/": {"GET": "wallet:read", "POST": "wallet:write"},
    "/api/v1/wallet/transfers/{id}/": {"GET": "wallet:read"},
    "/api/v1/webhook-deliveries/": {"GET": "webhooks:read"},
    "/api/v1/webhook-deliveries/{id}/": {"GET": "webhooks:read"},
    "/api/v1/webhook-deliveries/{id}/redeliver/": {"POST": "webhooks:write"},
    "/api/v1/webhook-endpoints/": {"GET": "webhooks:read", "POST": "webhooks:write"},
    "/api/v1/webhook-endpoints/{id}/": {
        "GET": "webhooks:read",
        "PUT": "webhooks:write",
        "PATCH": "webhooks:write",
        "DELETE": "webhooks:write",
    },
    "/api/v1/webhook-endpoints/{id}/rotate-secret/": {"POST": "webhooks:write"},
    "/api/v1/webhook-endpoints/{id}/test/": {"POST": "webhooks:write"},
}

# Where a customer's key needs another scope than a staff key: customers read their own orders as shoppers.
CUSTOMER_SCOPE: dict[tuple[str, str], str] = {
    ("GET", "/api/v1/orders/"): "shop:read",
    ("GET", "/api/v1/orders/{id}/"): "shop:read",
}

# Operations that need no scope, each with the reason.
NO_SCOPE: dict[tuple[str, str], str] = {
    ("GET", "/api/v1/api-keys/"): "without keys:read the list holds only the calling key",
    ("GET", "/api/v1/api-keys/{id}/"): "a key reads itself; other keys need keys:read",
    ("DELETE", "/api/v1/api-keys/{id}/"): "a key revokes itself; other keys need keys:write",
    ("GET", "/api/v1/shipping-methods/"): "public: buyers choose a shipping method",
    ("GET", "/api/v1/shipping-methods/{id}/"): "public: buyers choose a shipping method",
    ("GET", "/api/v1/store/"): "public: the store's name, currency and settings",
    ("POST", "/api/v1/payments/stripe/webhook/"): "Stripe's signature authenticates it, not an API key",
    ("POST", "/api/v1/payments/paypal/webhook/"): "PayPal's verified signature authenticates it, not an API key",
}


def api_operations() -> list[tuple[str, str]]:
    """(method, path) of every route under /api/v1/, walked from the URL resolver."""
    return sorted(
        (method, path) for path, _, method, _ in EndpointEnumerator().get_api_endpoints() if path.startswith(API_PREFIX)
    )


OPERATIONS = api_operations()


def concrete(path: str) -> str:
    """Fill each path parameter with an id that resolves but names nothing: the scope check comes first."""
    return re.sub(r"\{[^}]+\}", "x0", path)


def test_every_route_and_method_declares_its_scope():
    undeclared = [
        f"{method} {path}"
        for method, path in OPERATIONS
        if method not in REQUIRED_SCOPE.get(path, {}) and (method, path) not in NO_SCOPE
    ]

    assert undeclared == [], "Declare the scope these routes need in REQUIRED_SCOPE (or list them in NO_SCOPE)"


def test_every_listed_route_still_exists():
    listed = {(method, path) for path, methods in REQUIRED_SCOPE.items() for method in methods} | set(NO_SCOPE)

    assert sorted(listed - set(OPERATIONS)) == []


@pytest.mark.parametrize("caller", ["staff", "customer"])
@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op not in NO_SCOPE])
def test_a_key_without_the_required_scope_is_refused(method, path, caller, make_client, staff_user, customer_user):
    required = REQUIRED_SCOPE.get(path, {}).get(method)
    assert required is not None, f"{method} {path} declares no scope: add it to REQUIRED_SCOPE or NO_SCOPE"
    if caller == "customer":
        required = CUSTOMER_SCOPE.get((method, path), required)
    required = (required,) if isinstance(required, str) else required
    user = staff_user if caller == "staff" else customer_user
    client = make_client(user, scopes=[scope for scope in SCOPES if scope not in required])

    response = client.generic(method, concrete(path), "{}", content_type="application/json")

    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "insufficient_scope"
    assert set(body["param"].split(" or ")) == set(required)


@pytest.mark.parametrize(("method", "path"), sorted(NO_SCOPE))
def test_a_route_listed_without_scope_accepts_a_key_holding_none(method, path, make_client, staff_user):
    client = make_client(staff_user, scopes=[])

    response = client.generic(method, concrete(path), "{}", content_type="application/json")

    assert response.status_code != 403, response.content
