"""The account's privacy section: file an export or erase request through the privacy services and follow its
status. Nothing happens before the e-mailed link is confirmed."""

import pytest
from django.core import mail

from shopplatform.privacy.models import PrivacyRequest
from shopplatform.privacy.services import file_privacy_request

pytestmark = pytest.mark.django_db


def test_filing_an_export_request_emails_a_confirmation_link(buyer_client, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = buyer_client.post("/account/privacy/", {"kind": "export"})

    request = PrivacyRequest.objects.get()
    assert response["Location"] == "/account/privacy/"
    assert (request.email, request.kind, request.status) == ("rita@example.com", "export", "awaiting_confirmation")
    assert mail.outbox[0].to == ["rita@example.com"] and "/privacy/confirm/" in mail.outbox[0].body


def test_filing_an_erase_request_changes_nothing_before_confirmation(buyer_client, buyer):
    buyer_client.post("/account/privacy/", {"kind": "erase"})

    buyer.refresh_from_db()
    assert PrivacyRequest.objects.get().status == "awaiting_confirmation"
    assert buyer.is_active and buyer.email == "rita@example.com"


def test_privacy_page_lists_the_buyers_requests_with_their_status(buyer_client, buyer):
    mine = file_privacy_request(email="rita@example.com", kind="export")
    PrivacyRequest.objects.filter(pk=mine.pk).update(status="completed")
    other = file_privacy_request(email="someone@example.com", kind="erase")

    page = buyer_client.get("/account/privacy/").content.decode()

    assert mine.public_id in page and "Completed" in page
    assert other.public_id not in page


@pytest.mark.parametrize("kind", ["", "delete-everything"])
def test_unknown_request_kind_is_refused_with_the_form(buyer_client, buyer, kind):
    response = buyer_client.post("/account/privacy/", {"kind": kind})

    assert response.status_code == 400
    assert not PrivacyRequest.objects.exists()
