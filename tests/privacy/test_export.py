"""Export requests: a JSON archive of the person's data behind an expiring signed link."""

import json
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from catalog.models import Review
from shopplatform.accounts.services import create_customer, issue_api_key
from shopplatform.privacy import processing, services
from shopplatform.privacy.models import PrivacyRequest
from tests.accounts.factories import UserFactory
from tests.catalog.factories import ProductFactory
from wallet.services import credit_wallet, wallet_for_customer
from webhooks.models import Event, WebhookEndpoint

from .conftest import link_in_last_mail
from .factories import ADDRESS, PersonOrderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]


@pytest.fixture
def person():
    user = UserFactory(email="ana@example.com", first_name="Ana", last_name="Quaresma")
    customer = create_customer(email="ana@example.com", name="Ana Quaresma", user=user, delivery=ADDRESS)
    PersonOrderFactory(customer=customer)
    credit_wallet(wallet=wallet_for_customer(customer=customer), amount_cents=500, note="welcome")
    issue_api_key(user=user, scopes="catalog:read", name="laptop")
    WebhookEndpoint.objects.create(url="https://hooks.example/ana", owner=user)
    Review.objects.create(product=ProductFactory(), customer=customer, rating=5, body="Lovely, fits well.")
    return customer


@pytest.fixture
def someone_else():
    customer = create_customer(email="rui@example.com", name="Rui Vasconcelos")
    PersonOrderFactory(customer=customer)
    return customer


@pytest.fixture
def archive(person, someone_else, fulfil, client):
    fulfil(kind="export")
    response = client.get(link_in_last_mail("exports"))
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def test_export_completes_and_mails_a_download_link(person, fulfil):
    privacy_request = fulfil(kind="export")

    assert privacy_request.status == "completed"
    assert link_in_last_mail("exports")


def test_download_is_a_json_attachment(person, fulfil, client):
    fulfil(kind="export")

    response = client.get(link_in_last_mail("exports"))

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]


def test_archive_holds_customer_and_account(archive):
    assert archive["customer"]["name"] == "Ana Quaresma"
    assert archive["account"]["email"] == "ana@example.com"


def test_archive_holds_addresses_orders_and_wallet_ledger(archive):
    assert archive["addresses"][0]["address"] == ADDRESS["address"]
    assert archive["orders"][0]["client"]["name"] == "Ana Quaresma"
    assert archive["orders"][0]["total_cents"] == 2500
    assert [entry["amount_cents"] for entry in archive["wallet"]["entries"]] == [500]


def test_archive_holds_key_metadata_without_secrets(archive, person):
    (key,) = archive["api_keys"]

    assert key["name"] == "laptop"
    assert "secret_hash" not in key
    assert person.user.api_keys.get().secret_hash not in json.dumps(archive)


def test_archive_holds_webhook_endpoints_without_secrets(archive):
    (endpoint,) = archive["webhook_endpoints"]

    assert endpoint["url"] == "https://hooks.example/ana"
    assert "secret" not in endpoint


def test_archive_holds_reviews_of_linked_models(archive):
    assert archive["other"]["catalog.review"][0]["body"] == "Lovely, fits well."


def test_archive_holds_no_one_elses_data(archive):
    text = json.dumps(archive)

    assert "rui@example.com" not in text
    assert "Rui Vasconcelos" not in text


def test_export_emits_privacy_request_completed(person, fulfil):
    privacy_request = fulfil(kind="export")

    event = Event.objects.get(type="privacy_request.completed")
    assert event.data["object"]["id"] == privacy_request.public_id
    assert "ana@example.com" not in json.dumps(event.data)


def test_export_for_an_unknown_address_holds_only_the_request(fulfil, client):
    fulfil(email="nobody@example.com", kind="export")

    archive = json.loads(b"".join(client.get(link_in_last_mail("exports")).streaming_content))

    assert archive["customer"] is None
    assert archive["orders"] == []


def test_expired_download_link_is_refused(person, fulfil, client, settings):
    fulfil(kind="export")
    settings.PRIVACY_EXPORT_MAX_AGE_SECONDS = -1

    response = client.get(link_in_last_mail("exports"))

    assert response.status_code == 400


def test_tampered_download_link_is_refused(person, fulfil, client):
    fulfil(kind="export")

    response = client.get(link_in_last_mail("exports") + "x")

    assert response.status_code == 400


def test_confirmation_token_does_not_open_an_archive(person, fulfil, client):
    privacy_request = fulfil(kind="export")
    token = signing.dumps({"id": privacy_request.public_id}, salt=services.CONFIRM_SALT)

    response = client.get(f"/privacy/exports/{token}")

    assert response.status_code == 400


def test_expired_archives_are_deleted(person, fulfil):
    privacy_request = fulfil(kind="export")
    PrivacyRequest.objects.filter(pk=privacy_request.pk).update(archive_expires_at=timezone.now() - timedelta(1))

    deleted = processing.delete_expired_archives()

    privacy_request.refresh_from_db()
    assert deleted == 1
    assert privacy_request.archive_name == ""
