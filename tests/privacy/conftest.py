import re

import pytest
from django.core import mail

from shopplatform.privacy import services
from shopplatform.privacy.models import PrivacyRequest


@pytest.fixture(autouse=True)
def _locmem_mail_and_private_storage(settings, tmp_path):
    """E-mails land in mail.outbox; export archives in a temporary private directory."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://shop.example"
    settings.STORAGES = {
        **settings.STORAGES,
        "privacy_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "privacy-exports")},
        },
    }


def link_in_last_mail(kind: str) -> str:
    """The path of the /privacy/<kind>/<token> link in the newest e-mail."""
    match = re.search(rf"https://shop\.example(/privacy/{kind}/\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


@pytest.fixture
def file(django_capture_on_commit_callbacks):
    """File a request through the service and run what its commit triggers (the confirmation e-mail)."""

    def run(email="ana@example.com", kind="export") -> PrivacyRequest:
        with django_capture_on_commit_callbacks(execute=True):
            return services.file_privacy_request(email=email, kind=kind)

    return run


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Press the confirmation page's button; the processing task and e-mails run as on commit."""

    def run(path: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path)

    return run


@pytest.fixture
def fulfil(file, confirm):
    """File a request, confirm it through the e-mailed link, and return it processed."""

    def run(email="ana@example.com", kind="export") -> PrivacyRequest:
        privacy_request = file(email=email, kind=kind)
        confirm(link_in_last_mail("confirm"))
        privacy_request.refresh_from_db()
        return privacy_request

    return run
