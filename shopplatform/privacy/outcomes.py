"""How a processed request ends: marked completed with its `privacy_request.completed` event, and the e-mails
sent to the person once the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from shopplatform.events import emit_event

from .models import PrivacyRequest
from .representations import PrivacyRequestOutput


def complete_request(privacy_request: PrivacyRequest, *, extra_fields: list[str]) -> None:
    """Mark the request completed, saving `extra_fields` too, and emit its event."""
    privacy_request.status = PrivacyRequest.Status.COMPLETED
    privacy_request.completed_at = timezone.now()
    privacy_request.save(update_fields=["status", "completed_at", "updated_at", *extra_fields])
    emit_event("privacy_request.completed", obj=PrivacyRequestOutput(privacy_request).data)


def mail_on_commit(address: str, template: str, context: dict) -> None:
    """Send the template (first line: subject) to `address` once the current transaction commits."""
    subject, _, body = render_to_string(template, context).partition("\n")
    transaction.on_commit(
        lambda: send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [address])
    )
