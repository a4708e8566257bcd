"""Wallet API: shapes, cursor pages, transfers, adjustments, ownership and scopes."""

import pytest

from tests.accounts.factories import RegisteredCustomerFactory
from wallet import services
from wallet.models import LedgerEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(customer_user):
    return RegisteredCustomerFactory(user=customer_user, email=customer_user.email)


@pytest.fixture
def payee():
    return RegisteredCustomerFactory()


def post_transfer(client, **body):
    return client.post("/api/v1/wallet/transfers", body, format="json")


def test_balance_shape(customer_client, buyer, fund):
    """balance, available (minus holds), currency, updated_at."""
    wallet = fund(buyer, 12345)
    services.hold_funds(wallet=wallet, amount_cents=345)

    response = customer_client.get("/api/v1/wallet/balance")

    body = response.json()
    assert response.status_code == 200
    assert (body["balance_cents"], body["available_cents"], body["held_cents"], body["currency"]) == (
        12345,
        12000,
        345,
        "EUR",
    )
    assert body["balance_formatted"] == "€123.45"
    assert body["updated_at"].endswith("Z")
    assert body["customer"] == buyer.public_id


def test_balance_of_a_new_customer_is_zero(customer_client):
    response = customer_client.get("/api/v1/wallet/balance")

    assert (response.json()["balance_cents"], response.json()["available_cents"]) == (0, 0)


def test_staff_reads_a_customers_balance(staff_client, payee, fund):
    fund(payee, 700)

    response = staff_client.get(f"/api/v1/wallet/balance?customer={payee.public_id}")

    assert response.json()["balance_cents"] == 700


def test_staff_reading_an_unknown_customer_gets_404(staff_client):
    response = staff_client.get("/api/v1/wallet/balance?customer=cus_missing")

    assert response.status_code == 404
    assert response.json()["param"] == "customer"


def test_customer_key_cannot_read_another_customers_balance(customer_client, buyer, payee):
    response = customer_client.get(f"/api/v1/wallet/balance?customer={payee.public_id}")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_transaction_shape(customer_client, buyer, fund):
    """id txn_, type, signed amount_cents, currency, created_at."""
    wallet = fund(buyer, 1000)
    services.debit_wallet(wallet=wallet, amount_cents=499, kind="purchase", order_reference="ord_abc")

    response = customer_client.get("/api/v1/wallet/transactions")

    newest = response.json()["data"][0]
    assert set(newest) == {
        "id",
        "type",
        "kind",
        "amount_cents",
        "amount_formatted",
        "currency",
        "balance_after_cents",
        "note",
        "transfer",
        "order",
        "created_at",
    }
    assert (newest["type"], newest["kind"], newest["amount_cents"], newest["balance_after_cents"]) == (
        "debit",
        "purchase",
        -499,
        501,
    )
    assert (newest["order"], newest["transfer"], newest["currency"]) == ("ord_abc", None, "EUR")
    assert newest["id"].startswith("txn_")


def test_transactions_are_newest_first_with_a_next_cursor(customer_client, buyer):
    """next_cursor is the id of the last item when more follow."""
    wallet = services.wallet_for_customer(customer=buyer)
    ids = [services.credit_wallet(wallet=wallet, amount_cents=cents).public_id for cents in (1, 2, 3)]

    first = customer_client.get("/api/v1/wallet/transactions?limit=2").json()
    second = customer_client.get(f"/api/v1/wallet/transactions?limit=2&starting_after={first['next_cursor']}").json()

    assert [item["id"] for item in first["data"]] == [ids[2], ids[1]]
    assert (first["has_more"], first["next_cursor"]) == (True, ids[1])
    assert [item["id"] for item in second["data"]] == [ids[0]]
    assert (second["has_more"], second["next_cursor"]) == (False, None)


def test_ending_before_pages_backwards(customer_client, buyer):
    """ending_before lists the newer items just before the cursor, still newest first."""
    wallet = services.wallet_for_customer(customer=buyer)
    ids = [services.credit_wallet(wallet=wallet, amount_cents=cents).public_id for cents in (1, 2, 3)]

    response = customer_client.get(f"/api/v1/wallet/transactions?limit=1&ending_before={ids[0]}")

    assert [item["id"] for item in response.json()["data"]] == [ids[1]]


@pytest.mark.parametrize("limit", ["0", "101", "x"])
def test_limit_outside_1_to_100_is_400(customer_client, limit):
    response = customer_client.get(f"/api/v1/wallet/transactions?limit={limit}")

    assert response.status_code == 400
    assert response.json()["param"] == "limit"


def test_cursor_with_a_nul_character_is_400(customer_client):
    response = customer_client.get("/api/v1/wallet/transactions?ending_before=%00txn")

    assert response.status_code == 400


def test_staff_customer_parameter_with_a_nul_character_is_400(staff_client):
    response = staff_client.get("/api/v1/wallet/balance?customer=cus_%00x")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_query"


def test_cursor_of_another_wallet_is_400(customer_client, buyer, payee, fund):
    foreign = fund(payee, 100).entries.get()

    response = customer_client.get(f"/api/v1/wallet/transactions?starting_after={foreign.public_id}")

    assert response.status_code == 400


def test_transactions_list_runs_a_constant_number_of_queries(
    customer_client, buyer, payee, fund, django_assert_max_num_queries
):
    wallet = fund(buyer, 10_000)
    with django_assert_max_num_queries(20) as one_row:
        customer_client.get("/api/v1/wallet/transactions")
    for _ in range(30):
        services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=10)
    services.debit_wallet(wallet=wallet, amount_cents=5)

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = customer_client.get("/api/v1/wallet/transactions?limit=100")

    assert len(response.json()["data"]) == 32


def test_transfer_by_amount_cents_returns_201_and_the_transfer(customer_client, buyer, payee, fund):
    """id trf_, status, amount_cents, currency, created_at."""
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.public_id, amount_cents=1234, currency="EUR", note="Thanks!")

    body = response.json()
    assert response.status_code == 201
    assert body["id"].startswith("trf_")
    assert (body["status"], body["amount_cents"], body["currency"], body["note"]) == (
        "succeeded",
        1234,
        "EUR",
        "Thanks!",
    )
    assert (body["from"], body["to"]) == (buyer.public_id, payee.public_id)
    assert body["created_at"].endswith("Z") and body["completed_at"].endswith("Z")


def test_transfer_by_decimal_amount_and_email(customer_client, buyer, payee, fund):
    """`amount` in major units, recipient by e-mail."""
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, amount=12.34, currency="EUR")

    assert response.status_code == 201
    assert response.json()["amount_cents"] == 1234


def test_transfer_amount_as_decimal_string_is_accepted(customer_client, buyer, payee, fund):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, amount="0.5")

    assert response.json()["amount_cents"] == 50


def test_transfer_amount_with_too_many_decimals_is_400(customer_client, buyer, payee, fund):
    """finer than the currency's precision is refused."""
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, amount=12.345, currency="EUR")

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["param"]) == ("invalid_amount", "amount")


def test_transfer_with_both_amount_and_amount_cents_is_400(customer_client, buyer, payee, fund):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, amount=1, amount_cents=100)

    assert response.status_code == 400
    assert response.json()["param"] == "amount"


def test_transfer_without_an_amount_is_400(customer_client, buyer, payee):
    response = post_transfer(customer_client, to=payee.email)

    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"amount_cents": 0},
        {"amount_cents": -100},
        {"amount_cents": 10**13},
        {"amount": -1},
        {"amount": "abc"},
        {"amount": "NaN"},
        {"amount": "1e999999999"},
        {"amount": [1]},
    ],
)
def test_transfer_amount_must_be_positive(customer_client, buyer, payee, fund, body):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, **body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_transfer_to_an_unknown_recipient_is_400_recipient_not_found(customer_client, buyer, fund):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to="ghost@example.com", amount_cents=100)

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["param"]) == ("recipient_not_found", "to")


def test_transfer_to_oneself_is_400(customer_client, buyer, fund):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=buyer.public_id, amount_cents=100)

    assert (response.status_code, response.json()["code"]) == (400, "self_transfer")


def test_transfer_in_another_currency_is_409_currency_mismatch(customer_client, buyer, payee, fund):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, amount_cents=100, currency="USD")

    assert (response.status_code, response.json()["code"]) == (409, "currency_mismatch")


def test_transfer_in_an_unknown_currency_is_400(customer_client, buyer, payee, fund):
    fund(buyer, 5000)

    response = post_transfer(customer_client, to=payee.email, amount_cents=100, currency="ZZZ")

    assert (response.status_code, response.json()["code"]) == (400, "invalid_currency")


def test_transfer_beyond_the_balance_is_409_insufficient_funds(customer_client, buyer, payee, fund):
    fund(buyer, 99)

    response = post_transfer(customer_client, to=payee.email, amount_cents=100)

    assert (response.status_code, response.json()["code"]) == (409, "insufficient_funds")


def test_transfers_list_shows_both_directions(customer_client, buyer, payee, fund):
    fund(buyer, 500)
    fund(payee, 500)
    sent = services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=100)
    received = services.transfer_funds(sender=payee, to=buyer.public_id, amount_cents=200)
    services.transfer_funds(sender=payee, to=RegisteredCustomerFactory().public_id, amount_cents=50)

    response = customer_client.get("/api/v1/wallet/transfers")

    assert [item["id"] for item in response.json()["data"]] == [received.public_id, sent.public_id]


def test_staff_lists_every_transfer_or_one_customers(staff_client, buyer, payee, fund):
    fund(buyer, 500)
    fund(payee, 500)
    first = services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=100)
    second = services.transfer_funds(sender=payee, to=RegisteredCustomerFactory().public_id, amount_cents=100)

    everything = staff_client.get("/api/v1/wallet/transfers").json()["data"]
    of_buyer = staff_client.get(f"/api/v1/wallet/transfers?customer={buyer.public_id}").json()["data"]

    assert [item["id"] for item in everything] == [second.public_id, first.public_id]
    assert [item["id"] for item in of_buyer] == [first.public_id]


def test_transfers_list_runs_a_constant_number_of_queries(
    customer_client, buyer, payee, fund, django_assert_max_num_queries
):
    fund(buyer, 10_000)
    services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=10)
    with django_assert_max_num_queries(20) as one_row:
        customer_client.get("/api/v1/wallet/transfers")
    for _ in range(20):
        services.transfer_funds(sender=buyer, to=RegisteredCustomerFactory().public_id, amount_cents=10)

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = customer_client.get("/api/v1/wallet/transfers?limit=100")

    assert len(response.json()["data"]) == 21


def test_participant_reads_a_transfer(make_client, buyer, payee, fund):
    fund(buyer, 500)
    transfer = services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=100)

    response = make_client(payee.user).get(f"/api/v1/wallet/transfers/{transfer.public_id}")

    assert (response.status_code, response.json()["id"]) == (200, transfer.public_id)


def test_another_customer_cannot_see_a_transfer(make_client, buyer, payee, fund):
    fund(buyer, 500)
    transfer = services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=100)

    response = make_client(RegisteredCustomerFactory().user).get(f"/api/v1/wallet/transfers/{transfer.public_id}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_staff_reads_any_transfer(staff_client, buyer, payee, fund):
    fund(buyer, 500)
    transfer = services.transfer_funds(sender=buyer, to=payee.public_id, amount_cents=100)

    response = staff_client.get(f"/api/v1/wallet/transfers/{transfer.public_id}")

    assert response.status_code == 200


def test_staff_adjustment_credits_with_reason_and_author(staff_client, staff_user, payee):
    response = staff_client.post(
        "/api/v1/wallet/adjustments",
        {"customer": payee.email, "amount_cents": 2500, "reason": "goodwill"},
        format="json",
    )

    entry = LedgerEntry.objects.get(public_id=response.json()["id"])
    assert response.status_code == 201
    assert (response.json()["type"], response.json()["kind"], response.json()["note"]) == (
        "credit",
        "adjustment",
        "goodwill",
    )
    assert (entry.created_by, entry.wallet.customer) == (staff_user, payee)


def test_staff_adjustment_with_type_debit(staff_client, payee, fund):
    fund(payee, 1000)

    response = staff_client.post(
        "/api/v1/wallet/adjustments",
        {"customer": payee.public_id, "type": "debit", "amount_cents": 300, "reason": "correction"},
        format="json",
    )

    assert (response.status_code, response.json()["amount_cents"], response.json()["balance_after_cents"]) == (
        201,
        -300,
        700,
    )


def test_staff_debit_adjustment_cannot_overdraw(staff_client, payee):
    response = staff_client.post(
        "/api/v1/wallet/adjustments", {"customer": payee.public_id, "amount_cents": -1, "reason": "x"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (409, "insufficient_funds")


@pytest.mark.parametrize(
    "body",
    [
        {"amount_cents": 100},
        {"amount_cents": 100, "reason": ""},
        {"amount_cents": 0, "reason": "zero"},
        {"amount_cents": -5, "type": "credit", "reason": "sign and type"},
    ],
)
def test_adjustment_input_is_validated(staff_client, payee, body):
    response = staff_client.post("/api/v1/wallet/adjustments", {"customer": payee.public_id, **body}, format="json")

    assert response.status_code == 400


def test_adjustment_for_an_unknown_customer_is_400(staff_client):
    response = staff_client.post(
        "/api/v1/wallet/adjustments", {"customer": "cus_nobody", "amount_cents": 1, "reason": "x"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (400, "customer_not_found")


def test_customer_key_cannot_post_adjustments(customer_client, buyer):
    response = customer_client.post(
        "/api/v1/wallet/adjustments", {"customer": buyer.public_id, "amount_cents": 100, "reason": "me"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (403, "staff_only")


def test_read_scope_cannot_transfer(make_client, buyer, payee, fund):
    """missing scope → 403 insufficient_scope naming it."""
    fund(buyer, 500)

    response = post_transfer(make_client(buyer.user, scopes="wallet:read"), to=payee.email, amount_cents=100)

    assert response.status_code == 403
    assert (response.json()["code"], response.json()["param"]) == ("insufficient_scope", "wallet:write")


def test_key_without_wallet_scope_cannot_read_the_balance(make_client, buyer):
    response = make_client(buyer.user, scopes="catalog:read").get("/api/v1/wallet/balance")

    assert (response.status_code, response.json()["param"]) == (403, "wallet:read")


def test_anonymous_caller_gets_401(anonymous_client):
    response = anonymous_client.get("/api/v1/wallet/transactions")

    assert response.status_code == 401


def test_openapi_documents_the_wallet_endpoints(anonymous_client):
    paths = anonymous_client.get("/api/openapi.json").json()["paths"]

    transfer_create = paths["/api/v1/wallet/transfers/"]["post"]
    assert "201" in transfer_create["responses"]
    assert {"/api/v1/wallet/balance/", "/api/v1/wallet/transactions/", "/api/v1/wallet/adjustments/"} <= set(paths)
