"""POST/GET /api/v1/privacy/requests."""

import pytest
from django.core import mail

from shopplatform.privacy.models import PrivacyRequest

pytestmark = pytest.mark.django_db
URL = "/api/v1/privacy/requests"


def test_anonymous_caller_files_a_request_and_gets_202_awaiting_confirmation(anonymous_client):
    """Anonymous POST is accepted; nothing happens until confirmation."""
    response = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "export"}, format="json")

    assert response.status_code == 202
    body = response.json()
    assert body["id"].startswith("dsar_")
    assert body["status"] == "awaiting_confirmation"
    assert body["kind"] == "export"


def test_response_carries_no_personal_data(anonymous_client):
    response = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "erase"}, format="json")

    assert "ana@example.com" not in response.content.decode()


def test_filing_e_mails_a_confirmation_link_to_the_address(anonymous_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(URL, {"email": "Ana@Example.com", "kind": "export"}, format="json")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.com"]
    assert "https://shop.example/privacy/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize("email", ["not-an-address", "", None])
def test_bad_email_is_refused_with_tk9_message(anonymous_client, email):
    """400 problem, type invalid_field, detail "A valid email is required."."""
    payload = {"kind": "export"} if email is None else {"email": email, "kind": "export"}

    response = anonymous_client.post(URL, payload, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["detail"] == "A valid email is required."
    assert body["type"].endswith("/problems/invalid_field")
    assert body["param"] == "email"


def test_unknown_kind_is_refused(anonymous_client):
    response = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "sell"}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "kind"


def test_filing_again_returns_the_pending_request_without_a_second_mail(
    anonymous_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "export"}, format="json").json()
        second = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "export"}, format="json").json()

    assert second["id"] == first["id"]
    assert PrivacyRequest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_seed_path_dsar_request_files_a_request(anonymous_client):
    """The public POST /api/v1/dsar/request."""
    response = anonymous_client.post(
        "/api/v1/dsar/request", {"email": "ana@example.com", "kind": "export"}, format="json"
    )

    assert response.status_code == 202
    assert response.json()["status"] == "awaiting_confirmation"


def test_anonymous_caller_reads_status_by_id(anonymous_client):
    filed = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "export"}, format="json").json()

    response = anonymous_client.get(f"{URL}/{filed['id']}")

    assert response.status_code == 200
    assert response.json() == filed


def test_unknown_id_is_404(anonymous_client):
    response = anonymous_client.get(f"{URL}/dsar_unknown")

    assert response.status_code == 404


def test_key_without_privacy_scope_is_refused(make_client, customer_user):
    client = make_client(customer_user, scopes="catalog:read")

    response = client.post(URL, {"email": "ana@example.com", "kind": "export"}, format="json")

    assert response.status_code == 403
    assert response.json()["param"] == "privacy:write"


def test_idempotency_key_replays_the_first_response(anonymous_client):
    """Same key and body → same stored response."""
    headers = {"HTTP_IDEMPOTENCY_KEY": "dsar-retry-0001"}
    first = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "erase"}, format="json", **headers)

    replay = anonymous_client.post(URL, {"email": "ana@example.com", "kind": "erase"}, format="json", **headers)

    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
