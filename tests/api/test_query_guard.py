"""NUL characters in query strings are refused before any filter reaches the database (never a 500)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["q=%00", "starting_after=txn_%00x", "%00=1"])
def test_nul_character_in_query_is_400_problem(staff_client, query):
    response = staff_client.get(f"/api/v1/wallet/transactions?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_query"


def test_deleting_a_customer_other_records_protect_is_409(staff_client, customer_user):
    from shopplatform.accounts.services import ensure_customer
    from wallet.services import wallet_for_customer

    customer = ensure_customer(user=customer_user)
    wallet_for_customer(customer=customer)

    response = staff_client.delete(f"/api/v1/customers/{customer.public_id}")

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
