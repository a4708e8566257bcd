"""API key authentication loads the key's user with their customer record in one query (customer keys' requests
read it through `ensure_customer` on every call), and a user without one still gets it made on first use."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shopplatform.accounts.models import Customer
from shopplatform.accounts.services import ensure_customer

pytestmark = pytest.mark.django_db

CUSTOMER_READ = 'SELECT "accounts_customer"."id"'


def test_customer_request_reads_the_customer_with_the_key(customer_client, customer_user):
    ensure_customer(user=customer_user)
    customer_client.get("/api/v1/orders")  # the key's use is stamped once a minute: not in the count below

    with CaptureQueriesContext(connection) as captured:
        response = customer_client.get("/api/v1/orders")

    assert response.status_code == 200
    assert [query["sql"] for query in captured if query["sql"].startswith(CUSTOMER_READ)] == []


def test_first_request_of_a_user_without_customer_record_makes_one(customer_client, customer_user):
    response = customer_client.get("/api/v1/orders")

    assert response.status_code == 200
    assert Customer.objects.get(user=customer_user).email == customer_user.email
