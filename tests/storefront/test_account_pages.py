"""Account pages: sign-up, sign-in, password reset, profile, orders, wallet transfers and API keys."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from shopplatform.accounts.models import ApiKey, Customer
from shopplatform.accounts.services import issue_api_key
from tests.accounts.factories import UserFactory
from wallet.services import credit_wallet, wallet_for_customer

from .conftest import DELIVERY_POST

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "name": "Rui Costa",
    "email": "rui@example.com",
    "password": "a-long-passphrase",
    "password_again": "a-long-passphrase",
}


@pytest.mark.parametrize("path", ["/account/", "/account/orders/", "/account/wallet/", "/account/api-keys/"])
def test_account_pages_require_sign_in(client, store, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_sign_up_creates_a_signed_in_customer(client, store):
    response = client.post("/account/signup/", {**SIGN_UP, "newsletter": "on"}, follow=True)

    customer = Customer.objects.get(email="rui@example.com")
    assert customer.user.username == "rui@example.com" and customer.newsletter
    assert response.context["user"].is_authenticated


def test_sign_up_with_a_taken_email_keeps_the_input(client, buyer):
    response = client.post("/account/signup/", {**SIGN_UP, "email": "rita@example.com"})

    assert response.status_code == 400
    assert 'value="Rui Costa"' in response.content.decode()
    assert get_user_model().objects.filter(email="rita@example.com").count() == 1


def test_sign_up_refuses_mismatched_passwords(client, store):
    response = client.post("/account/signup/", {**SIGN_UP, "password_again": "something-else"})

    assert response.status_code == 400
    assert not Customer.objects.exists()


def test_sign_in_with_email_and_password(client, buyer):
    response = client.post("/account/login/", {"username": "rita@example.com", "password": "rita-pass-123"})

    assert response.status_code == 302 and response["Location"] == "/account/"


def test_sign_out_ends_the_session(buyer_client):
    buyer_client.post("/account/logout/")

    assert buyer_client.get("/account/").status_code == 302


def test_password_reset_sends_a_link_by_email(client, buyer):
    client.post("/account/password-reset/", {"email": "rita@example.com"})

    assert len(mail.outbox) == 1
    assert "/account/password-reset/" in mail.outbox[0].body


def test_profile_form_subscribes_to_the_newsletter(buyer_client, buyer):
    buyer_client.post("/account/", {"name": "Rita", "newsletter": "on"})

    buyer.customer.refresh_from_db()
    assert buyer.customer.newsletter and buyer.customer.name == "Rita"


def test_newsletter_form_subscribes_a_new_email(client, store):
    client.post("/newsletter/", {"email": "fan@example.com"})

    assert Customer.objects.get(email="fan@example.com").newsletter


def test_orders_page_lists_only_the_buyer_orders(buyer_client, buyer, client, teapot, courier):
    client.post("/cart/add/enamel-teapot", {"quantity": 1})
    client.post("/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "pick_up"})

    page = buyer_client.get("/account/orders/").content.decode()

    assert "No orders yet" in page


def test_wallet_page_shows_the_balance(buyer_client, buyer):
    credit_wallet(wallet=wallet_for_customer(customer=buyer.customer), amount_cents=1234)

    assert "12,34\xa0€" in buyer_client.get("/account/wallet/").content.decode()


def test_wallet_transfer_moves_money_to_the_recipient(buyer_client, buyer):
    credit_wallet(wallet=wallet_for_customer(customer=buyer.customer), amount_cents=5000)
    recipient = Customer.objects.create(email="friend@example.com")

    buyer_client.post("/account/wallet/", {"to": "friend@example.com", "amount": "12.50"})

    assert wallet_for_customer(customer=recipient).balance_cents == 1250
    assert wallet_for_customer(customer=buyer.customer).balance_cents == 3750


def test_wallet_transfer_beyond_the_balance_keeps_the_input(buyer_client, buyer):
    Customer.objects.create(email="friend@example.com")

    response = buyer_client.post("/account/wallet/", {"to": "friend@example.com", "amount": "10"})

    assert response.status_code == 400
    assert 'value="friend@example.com"' in response.content.decode()


def test_api_key_secret_is_shown_once(buyer_client, buyer):
    response = buyer_client.post("/account/api-keys/", {"name": "Books", "scopes": ["orders:read"]})

    key = ApiKey.objects.get(user=buyer)
    assert key.prefix in response.content.decode() and "shp_" in response.content.decode()
    assert key.prefix + "…" in buyer_client.get("/account/api-keys/").content.decode()
    assert response["Cache-Control"] == "no-store"


def test_api_key_revoke_revokes_the_buyer_key(buyer_client, buyer):
    key, _ = issue_api_key(user=buyer, scopes="orders:read")

    buyer_client.post(f"/account/api-keys/{key.public_id}/revoke")

    key.refresh_from_db()
    assert key.revoked_at is not None


def test_api_key_revoke_of_another_user_key_is_404(buyer_client):
    other, _ = issue_api_key(user=UserFactory(), scopes="orders:read")

    assert buyer_client.post(f"/account/api-keys/{other.public_id}/revoke").status_code == 404


def test_sign_up_with_a_guest_customer_email_waits_for_the_emailed_link(client, store):
    guest = Customer.objects.create(email="rita@example.com", name="Rita (guest)")

    response = client.post("/account/signup/", {**SIGN_UP, "email": "rita@example.com"})

    user = get_user_model().objects.get(email="rita@example.com")
    guest.refresh_from_db()
    assert response.status_code == 200
    assert (user.is_active, guest.user_id) == (False, None)
    assert client.get("/account/").status_code == 302
    assert len(mail.outbox) == 1 and "/account/verify/" in mail.outbox[0].body


def test_the_emailed_link_activates_the_account_and_attaches_the_guest_history(client, store):
    guest = Customer.objects.create(email="rita@example.com", name="Rita (guest)")
    client.post("/account/signup/", {**SIGN_UP, "email": "rita@example.com"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/verify/" in line)

    response = client.get(link.strip().removeprefix("http://testserver"))

    guest.refresh_from_db()
    assert response.status_code == 302
    assert guest.user.is_active and guest.user.email == "rita@example.com"
    assert client.get("/account/").status_code == 200


def test_a_tampered_verification_link_is_refused(client, store):
    Customer.objects.create(email="rita@example.com")
    client.post("/account/signup/", {**SIGN_UP, "email": "rita@example.com"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/verify/" in line)

    response = client.get(link.strip().removeprefix("http://testserver")[:-3] + "xx/")

    assert response.status_code == 400
    assert not get_user_model().objects.get(email="rita@example.com").is_active


def test_the_newsletter_tick_survives_the_emailed_verification(client, store):
    guest = Customer.objects.create(email="rita@example.com")
    client.post("/account/signup/", {**SIGN_UP, "email": "rita@example.com", "newsletter": "on"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/verify/" in line)

    client.get(link.strip().removeprefix("http://testserver"))

    guest.refresh_from_db()
    assert guest.newsletter is True
