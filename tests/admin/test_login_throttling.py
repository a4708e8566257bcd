"""Login throttling (django-axes) on the store and admin sign-in pages: per account and per address."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

STORE_LOGIN = "/account/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def shopper(django_user_model):
    return django_user_model.objects.create_user(username="ana@example.com", password="right-pass-123")


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "right-pass-123")


def sign_in(client, url, username, password, address="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, url, username, address="10.0.0.1"):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, username, "wrong-password", address)


def test_store_login_locks_the_account_after_too_many_wrong_passwords(client, shopper):
    fail_until_locked(client, STORE_LOGIN, "ana@example.com")

    response = sign_in(client, STORE_LOGIN, "ana@example.com", "right-pass-123")

    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_store_login_lock_holds_for_the_account_from_another_address(client, shopper):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, STORE_LOGIN, "ana@example.com", "wrong-password", address=f"10.0.1.{attempt}")

    response = sign_in(client, STORE_LOGIN, "ana@example.com", "right-pass-123", address="10.0.2.1")

    assert response.status_code == 429


def test_store_login_lock_holds_for_the_address_with_other_accounts(client, shopper):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, STORE_LOGIN, f"guess{attempt}@example.com", "wrong-password")

    response = sign_in(client, STORE_LOGIN, "ana@example.com", "right-pass-123")

    assert response.status_code == 429


def test_store_login_below_the_limit_still_signs_in(client, shopper):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, STORE_LOGIN, "ana@example.com", "wrong-password")

    response = sign_in(client, STORE_LOGIN, "ana@example.com", "right-pass-123")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_admin_login_locks_the_account_after_too_many_wrong_passwords(client, boss):
    fail_until_locked(client, ADMIN_LOGIN, "boss")

    response = sign_in(client, ADMIN_LOGIN, "boss", "right-pass-123")

    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_lock_holds_for_the_address_with_other_accounts(client, boss):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, ADMIN_LOGIN, f"guess{attempt}", "wrong-password")

    response = sign_in(client, ADMIN_LOGIN, "boss", "right-pass-123")

    assert response.status_code == 429


def test_test_client_login_without_a_request_still_works(client, shopper):
    assert client.login(username="ana@example.com", password="right-pass-123")
