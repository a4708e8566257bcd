"""Staff follow and process privacy requests in the admin."""

import pytest
from django.core import mail

from shopplatform.privacy.models import PrivacyRequest

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/privacy/privacyrequest/"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    return client


def run_action(admin_client, action: str, *requests):
    return admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [item.pk for item in requests]}, follow=True
    )


def test_changelist_filters_by_status(admin_client, file):
    file(kind="erase")

    response = admin_client.get(f"{CHANGELIST}?status__exact=awaiting_confirmation")

    assert response.status_code == 200
    assert PrivacyRequest.objects.get().public_id in response.content.decode()


def test_resend_confirmation_mails_the_link_again(admin_client, file, django_capture_on_commit_callbacks):
    privacy_request = file()

    with django_capture_on_commit_callbacks(execute=True):
        run_action(admin_client, "resend_confirmation", privacy_request)

    assert len(mail.outbox) == 2
    assert "/privacy/confirm/" in mail.outbox[-1].body


def test_process_now_skips_unconfirmed_requests(admin_client, file):
    privacy_request = file(kind="erase")

    response = run_action(admin_client, "process_now", privacy_request)

    privacy_request.refresh_from_db()
    assert privacy_request.status == "awaiting_confirmation"
    assert "1 skipped" in response.content.decode()


def test_process_now_runs_a_confirmed_request(admin_client, file):
    privacy_request = file()
    PrivacyRequest.objects.filter(pk=privacy_request.pk).update(status="confirmed")

    run_action(admin_client, "process_now", privacy_request)

    privacy_request.refresh_from_db()
    assert privacy_request.status == "completed"
