"""Erase requests: anonymise personal data, keep financial records, refuse while money or orders are open."""

import json

import pytest
from django.apps import apps
from django.db import models

from catalog.models import Review
from shopplatform.accounts.models import ApiKey
from shopplatform.accounts.services import create_customer, issue_api_key
from shopplatform.privacy.models import PrivacyRequest
from tests.accounts.factories import UserFactory
from tests.catalog.factories import ProductFactory
from wallet.services import credit_wallet, debit_wallet, wallet_for_customer
from webhooks.models import Event, WebhookEndpoint

from .factories import ADDRESS, PersonOrderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]
PERSONAL = ("ana@example.com", "Ana Quaresma", ADDRESS["address"], ADDRESS["phone"])


@pytest.fixture
def user():
    return UserFactory(email="ana@example.com", first_name="Ana", last_name="Quaresma")


@pytest.fixture
def person(user):
    customer = create_customer(
        email="ana@example.com", name="Ana Quaresma", phone=ADDRESS["phone"], user=user, delivery=ADDRESS
    )
    PersonOrderFactory(customer=customer, total_cents=4200)
    Review.objects.create(product=ProductFactory(), customer=customer, rating=4, body="Ana Quaresma loved it.")
    issue_api_key(user=user, scopes="catalog:read", name="laptop")
    WebhookEndpoint.objects.create(url="https://hooks.example/ana", owner=user)
    return customer


def text_columns_mentioning(text: str) -> list[str]:
    """Every text or JSON column, of every model, holding `text` (case-insensitively)."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            is_text = isinstance(field, models.CharField | models.TextField | models.JSONField)
            if is_text and model._base_manager.filter(**{f"{field.name}__icontains": text}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_erasure_completes(person, fulfil):
    privacy_request = fulfil(kind="erase")

    assert privacy_request.status == "completed"


@pytest.mark.parametrize("text", PERSONAL)
def test_erasure_leaves_no_personal_data_in_any_text_column(person, fulfil, text):
    """The person's e-mail, name, street address and phone are gone from every table."""
    assert text_columns_mentioning(text)  # the fixture did store it

    fulfil(kind="erase")

    assert text_columns_mentioning(text) == []


def test_erasure_keeps_order_totals_and_dates(person, fulfil):
    order = person.orders.get()

    fulfil(kind="erase")

    order.refresh_from_db()
    assert order.total_cents == 4200
    assert order.currency == "EUR"
    assert order.client["delivery"] == {"country_code": "PRT"}


def test_erasure_revokes_api_keys(person, fulfil, user):
    fulfil(kind="erase")

    assert not ApiKey.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_erasure_closes_the_user_account(person, fulfil, user):
    fulfil(kind="erase")

    user.refresh_from_db()
    assert not user.is_active
    assert not user.has_usable_password()


def test_erasure_keeps_reviews_without_the_author(person, fulfil):
    fulfil(kind="erase")

    review = Review.objects.get()
    assert review.rating == 4
    assert review.author_name == "Anonymous"


def test_erasure_leaves_other_people_alone(person, fulfil):
    other = create_customer(email="rui@example.com", name="Rui Vasconcelos")

    fulfil(kind="erase")

    other.refresh_from_db()
    assert other.name == "Rui Vasconcelos"
    assert Event.objects.filter(data__icontains="rui@example.com").exists()


def test_erasure_emits_privacy_request_completed(person, fulfil):
    privacy_request = fulfil(kind="erase")

    event = Event.objects.get(type="privacy_request.completed")
    assert event.data["object"] == {**event.data["object"], "id": privacy_request.public_id, "kind": "erase"}


def test_completed_erasure_mails_the_address_once_more(person, fulfil):
    from django.core import mail

    fulfil(kind="erase")

    assert mail.outbox[-1].to == ["ana@example.com"]
    assert "erased" in mail.outbox[-1].subject


def test_erasure_is_refused_while_the_wallet_holds_money(person, fulfil):
    credit_wallet(wallet=wallet_for_customer(customer=person), amount_cents=1500)

    privacy_request = fulfil(kind="erase")

    assert privacy_request.status == "refused"
    assert "wallet still holds" in privacy_request.reason
    person.refresh_from_db()
    assert person.name == "Ana Quaresma"


def test_erasure_proceeds_once_the_wallet_is_empty(person, fulfil):
    wallet = wallet_for_customer(customer=person)
    credit_wallet(wallet=wallet, amount_cents=1500)
    debit_wallet(wallet=wallet, amount_cents=1500)

    privacy_request = fulfil(kind="erase")

    assert privacy_request.status == "completed"


def test_erasure_is_refused_while_an_order_is_open(person, fulfil):
    open_order = PersonOrderFactory(customer=person, status="processing")

    privacy_request = fulfil(kind="erase")

    assert privacy_request.status == "refused"
    assert open_order.public_id in privacy_request.reason
    assert PrivacyRequest.objects.get(pk=privacy_request.pk).email == "ana@example.com"


def test_refusal_is_visible_through_the_api(person, fulfil, anonymous_client):
    PersonOrderFactory(customer=person, status="pending")
    privacy_request = fulfil(kind="erase")

    body = anonymous_client.get(f"/api/v1/privacy/requests/{privacy_request.public_id}").json()

    assert body["status"] == "refused"
    assert "still open" in body["reason"]


def test_staff_accounts_are_not_erased(fulfil, user):
    user.is_staff = True
    user.save()

    privacy_request = fulfil(kind="erase")

    assert privacy_request.status == "refused"
    assert "staff" in privacy_request.reason


def test_guest_orders_under_the_address_are_anonymised(fulfil):
    guest = PersonOrderFactory(
        customer=None, email="ana@example.com", client={"name": "Ana Quaresma", "delivery": ADDRESS}
    )

    fulfil(kind="erase")

    guest.refresh_from_db()
    assert "Ana Quaresma" not in json.dumps(guest.client)
    assert guest.email.endswith("@erased.invalid")
