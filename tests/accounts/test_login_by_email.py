"""The store's sign-in form asks for an e-mail: it opens accounts whose username is something else too."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_with_the_email_of_an_account_whose_username_differs(client):
    UserFactory(username="buyer", email="buyer@example.com", password="buyer-pass-123")

    response = client.post(reverse("login"), {"username": "Buyer@Example.com", "password": "buyer-pass-123"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_sign_in_with_the_username_still_works(client):
    UserFactory(username="buyer", email="buyer@example.com", password="buyer-pass-123")

    response = client.post(reverse("login"), {"username": "buyer", "password": "buyer-pass-123"})

    assert response.status_code == 302


def test_an_email_shared_by_two_accounts_opens_neither(client):
    UserFactory(username="first", email="shared@example.com", password="pass-word-123")
    UserFactory(username="second", email="shared@example.com", password="pass-word-123")

    response = client.post(reverse("login"), {"username": "shared@example.com", "password": "pass-word-123"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
