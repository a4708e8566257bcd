"""Confirmation links: signed, expiring after 48 h, nothing happens without them."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from shopplatform.privacy import processing
from shopplatform.privacy.models import PrivacyRequest

from .conftest import link_in_last_mail
from .factories import CustomerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]


def test_opening_the_link_only_shows_the_request(client, file):
    privacy_request = file()

    response = client.get(link_in_last_mail("confirm"))

    assert response.status_code == 200
    assert privacy_request.public_id in response.content.decode()
    privacy_request.refresh_from_db()
    assert privacy_request.status == "awaiting_confirmation"


def test_pressing_confirm_processes_the_request(file, confirm):
    privacy_request = file()

    response = confirm(link_in_last_mail("confirm"))

    assert response.status_code == 200
    privacy_request.refresh_from_db()
    assert privacy_request.status == "completed"
    assert privacy_request.confirmed_at is not None


def test_unconfirmed_erase_changes_nothing(file):
    customer = CustomerFactory(email="ana@example.com", name="Ana Quaresma")

    file(kind="erase")

    customer.refresh_from_db()
    assert customer.name == "Ana Quaresma"
    assert PrivacyRequest.objects.get().status == "awaiting_confirmation"


def test_unconfirmed_export_writes_no_archive(file):
    file()

    privacy_request = PrivacyRequest.objects.get()
    assert privacy_request.archive_name == ""
    assert len(mail.outbox) == 1  # the confirmation only


def test_processing_an_unconfirmed_request_changes_nothing(file):
    privacy_request = file(kind="erase")

    result = processing.process_privacy_request(public_id=privacy_request.public_id)

    assert result.status == "awaiting_confirmation"


def test_tampered_token_is_refused(file, confirm):
    file()
    path = link_in_last_mail("confirm")

    response = confirm(path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"))

    assert response.status_code == 400
    assert PrivacyRequest.objects.get().status == "awaiting_confirmation"


def test_token_signed_with_another_salt_is_refused(file, confirm):
    privacy_request = file()
    forged = signing.dumps({"id": privacy_request.public_id}, salt="something-else")

    response = confirm(f"/privacy/confirm/{forged}")

    assert response.status_code == 400


def test_expired_token_is_refused(settings, file, confirm):
    file()
    path = link_in_last_mail("confirm")
    settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS = -1  # every token is older than that

    response = confirm(path)

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert PrivacyRequest.objects.get().status == "awaiting_confirmation"


def test_confirming_twice_processes_once(file, confirm):
    file()
    path = link_in_last_mail("confirm")
    confirm(path)
    mails = len(mail.outbox)

    confirm(path)

    assert len(mail.outbox) == mails


def test_unconfirmed_requests_expire_after_the_window(file):
    privacy_request = file()
    PrivacyRequest.objects.filter(pk=privacy_request.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=49)
    )

    expired = processing.expire_unconfirmed_requests()

    assert expired == 1
    privacy_request.refresh_from_db()
    assert privacy_request.status == "expired"


def test_filing_after_expiry_starts_a_new_request(file):
    first = file()
    PrivacyRequest.objects.filter(pk=first.pk).update(confirmation_sent_at=timezone.now() - timedelta(hours=49))

    second = file()

    assert second.pk != first.pk
    assert len(mail.outbox) == 2
