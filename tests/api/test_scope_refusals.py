"""What a refused caller is told: no key, a key without the scope, a customer key on a staff-only route."""

import pytest

pytestmark = pytest.mark.django_db


def test_no_key_on_a_route_that_needs_one_is_told_how_to_send_it(make_client):
    response = make_client().get("/api/v1/orders")

    assert response.status_code == 401
    assert response.json()["detail"] == "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`."


def test_a_key_without_the_scope_is_told_which_one_is_missing(make_client, staff_user):
    response = make_client(staff_user, scopes="catalog:read").get("/api/v1/customers")

    assert response.status_code == 403
    assert response.json()["detail"] == "Missing scope: customers:read"


def test_a_customer_key_with_every_scope_is_refused_on_a_staff_only_route(make_client, customer_user):
    response = make_client(customer_user).get("/api/v1/webhook-endpoints")

    assert response.status_code == 403
    assert response.json()["detail"] == "Only keys owned by staff (merchant) users may use this endpoint."


def test_a_staff_key_is_let_through_a_staff_only_route(make_client, staff_user):
    response = make_client(staff_user).get("/api/v1/webhook-endpoints")

    assert response.status_code == 200
