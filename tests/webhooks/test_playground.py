"""The verify playground of the docs."""

import time

import pytest
from django.test import Client

from webhooks.models import new_endpoint_secret
from webhooks.signing import signature_headers

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.webhooks.playground_urls")]

URL = "/api/docs/webhooks/verify"
BODY = b'{"id":"evt_1","type":"order.created","data":{"object":{"id":"ord_1"}}}'


def signed_form(secret: str, signing_secret: str | None = None) -> dict:
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[signing_secret or secret])
    return {
        "payload": BODY.decode(),
        "secret": secret,
        "shop_signature": headers["X-Shop-Signature"],
        "webhook_id": headers["webhook-id"],
        "webhook_timestamp": headers["webhook-timestamp"],
        "webhook_signature": headers["webhook-signature"],
    }


def test_page_warns_against_production_secrets():
    response = Client().get(URL)

    assert response.status_code == 200
    assert "Do not paste production secrets" in response.content.decode()


def test_matching_signatures_verify_with_both_schemes():
    secret = new_endpoint_secret()

    page = Client().post(URL, signed_form(secret)).content.decode()

    assert page.count("<strong>verified</strong>") == 2


def test_wrong_secret_does_not_verify():
    page = Client().post(URL, signed_form(new_endpoint_secret(), new_endpoint_secret())).content.decode()

    assert page.count("does not verify") == 2


def test_old_timestamp_does_not_verify():
    secret = new_endpoint_secret()
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[secret], timestamp=int(time.time()) - 600)

    page = Client().post(
        URL, {"payload": BODY.decode(), "secret": secret, "shop_signature": headers["X-Shop-Signature"]}
    )

    assert "more than 5 minutes" in page.content.decode()


def test_post_without_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post(URL, signed_form(new_endpoint_secret()))

    assert response.status_code == 403


def test_missing_fields_are_400():
    assert Client().post(URL, {"payload": "{}"}).status_code == 400
