"""The wire format of `webhooks/signing.py`: headers, header parsing, tolerance and the reasons a check gives.

Signatures are checked with code independent of ours (the `standardwebhooks` library, and HMAC by hand) or
with our verifiers against headers built by hand, so a fault on one side cannot hide one on the other.
"""

import base64
import hashlib
import hmac
import time

import pytest
from standardwebhooks import Webhook

from webhooks.models import new_endpoint_secret
from webhooks.signing import signature_headers, verify_shop_signature, verify_standard_signature

BODY = b'{"id":"evt_1","type":"order.created"}'
SIGNED_AT = 1_700_000_000


def hex_signature(secret: str, timestamp: int, body: bytes = BODY) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


@pytest.fixture
def clock_five_and_a_half_hours_ahead_of_utc(monkeypatch):
    """The server's local time zone is not UTC (POSIX TZ, so no tz database is needed)."""
    monkeypatch.setenv("TZ", "IST-5:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_standard_signature_verifies_when_server_clock_is_not_utc(clock_five_and_a_half_hours_ahead_of_utc):
    secret = new_endpoint_secret()

    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[secret])

    assert Webhook(secret).verify(BODY, headers) == {"id": "evt_1", "type": "order.created"}


def test_shop_timestamp_header_repeats_the_signed_timestamp():
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[new_endpoint_secret()], timestamp=SIGNED_AT)

    assert headers["X-Shop-Timestamp"] == str(SIGNED_AT)


def test_shop_signature_verifies_at_the_given_time_not_the_wall_clock():
    secret = new_endpoint_secret()
    header = f"t={SIGNED_AT},v1={hex_signature(secret, SIGNED_AT)}"

    reason = verify_shop_signature(secret=secret, header=header, body=BODY, now=SIGNED_AT + 10)

    assert reason is None


def test_shop_signature_verifies_exactly_five_minutes_away():
    secret = new_endpoint_secret()
    header = f"t={SIGNED_AT},v1={hex_signature(secret, SIGNED_AT)}"

    reason = verify_shop_signature(secret=secret, header=header, body=BODY, now=SIGNED_AT + 300)

    assert reason is None


def test_shop_signature_older_than_five_minutes_is_refused_as_too_old():
    secret = new_endpoint_secret()
    header = f"t={SIGNED_AT},v1={hex_signature(secret, SIGNED_AT)}"

    reason = verify_shop_signature(secret=secret, header=header, body=BODY, now=SIGNED_AT + 301)

    assert reason == "The timestamp is more than 5 minutes away from now."


def test_shop_signature_verifies_with_spaces_after_commas_and_the_second_of_two_signatures():
    secret = new_endpoint_secret()
    header = (
        f"t={SIGNED_AT}, v1={hex_signature(new_endpoint_secret(), SIGNED_AT)}, v1={hex_signature(secret, SIGNED_AT)}"
    )

    reason = verify_shop_signature(secret=secret, header=header, body=BODY, now=SIGNED_AT)

    assert reason is None


def test_shop_header_without_v1_is_refused_as_malformed():
    reason = verify_shop_signature(secret=new_endpoint_secret(), header=f"t={SIGNED_AT}", body=BODY, now=SIGNED_AT)

    assert reason == "The header must look like t=<unix seconds>,v1=<hex>."


def test_shop_header_with_non_numeric_timestamp_is_refused_as_malformed():
    secret = new_endpoint_secret()
    header = f"t=2023-11-14T22:13:20Z,v1={hex_signature(secret, SIGNED_AT)}"

    reason = verify_shop_signature(secret=secret, header=header, body=BODY, now=SIGNED_AT)

    assert reason == "The header must look like t=<unix seconds>,v1=<hex>."


def test_base64_signature_pasted_as_v1_is_refused_as_not_matching():
    # A receiver mixing up the schemes pastes a Standard Webhooks signature, whose base64 ends in "=".
    secret = new_endpoint_secret()
    digest = hmac.new(secret.encode(), f"{SIGNED_AT}.".encode() + BODY, hashlib.sha256).digest()
    header = f"t={SIGNED_AT},v1={base64.b64encode(digest).decode()}"

    reason = verify_shop_signature(secret=secret, header=header, body=BODY, now=SIGNED_AT)

    assert reason == "No v1 signature matches this secret and body."


def test_standard_signature_verifies_a_body_that_is_not_json():
    secret = new_endpoint_secret()
    body = b"plain text, not JSON"
    headers = signature_headers(message_id="evt_1", body=body, secrets=[secret])

    reason = verify_standard_signature(secret=secret, headers=headers, body=body)

    assert reason is None


def test_standard_signature_refusal_gives_the_library_reason():
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[new_endpoint_secret()])

    reason = verify_standard_signature(secret=new_endpoint_secret(), headers=headers, body=BODY)

    assert reason == "No matching signature found"


def test_standard_signature_with_secret_that_is_not_base64_is_refused_with_the_expected_form():
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[new_endpoint_secret()])

    reason = verify_standard_signature(secret="whsec_abcde", headers=headers, body=BODY)

    assert reason == "The secret must be `whsec_` followed by base64."


@pytest.mark.parametrize("secret", ["whsec_", "whsec_!!!"], ids=["empty", "decodes-to-nothing"])
def test_standard_signature_with_empty_secret_is_refused_not_raised(secret):
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[new_endpoint_secret()])

    reason = verify_standard_signature(secret=secret, headers=headers, body=BODY)

    assert reason == "The secret must be `whsec_` followed by base64."


def test_standard_signature_of_a_body_that_is_not_utf8_names_the_body():
    secret = new_endpoint_secret()
    headers = signature_headers(message_id="evt_1", body=BODY, secrets=[secret])

    reason = verify_standard_signature(secret=secret, headers=headers, body=b"\xff\xfe not utf-8")

    assert reason == "The body is not UTF-8 text, so it is not what we sent."


def test_standard_signature_header_without_version_comma_names_the_header():
    secret = new_endpoint_secret()
    headers = {**signature_headers(message_id="evt_1", body=BODY, secrets=[secret]), "webhook-signature": "garbage"}

    reason = verify_standard_signature(secret=secret, headers=headers, body=BODY)

    assert reason == "The webhook-signature header must be space-separated `v1,<base64>` pairs."
