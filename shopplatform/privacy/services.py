"""Filing and confirming privacy (data-subject) requests; what a confirmed request runs is in `processing`.

Confirmation link: {"id": "<dsar id>"} signed with django.core.signing and CONFIRM_SALT (one salt per purpose,
so a download link never works as a confirmation), valid PRIVACY_CONFIRMATION_MAX_AGE_SECONDS (48 h).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from shopplatform.errors import InvalidInput
from shopplatform.links import absolute_url

from .exceptions import InvalidPrivacyLink
from .models import PrivacyRequest
from .outcomes import mail_on_commit
from .processing import expire_unconfirmed_requests
from .tasks import process_privacy_request_task

# Named after the module's old home: changing the salt would invalidate links already e-mailed.
CONFIRM_SALT = "shopplatform.accounts.privacy.confirm"

# A lost confirmation e-mail can be asked for again, but not more often than this (the address is not ours).
RESEND_AFTER = timedelta(minutes=10)


def normalize_email(value: str) -> str:
    """Return the address lower-cased; raise InvalidInput (one message for every malformed address)."""
    address = (value or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput("A valid email is required.", param="email") from None
    return address


@transaction.atomic
def file_privacy_request(*, email: str, kind: str) -> PrivacyRequest:
    """Record a request awaiting confirmation and e-mail the link; a pending one for the same address and kind
    is returned instead (re-sending its link at most every RESEND_AFTER). Raise InvalidInput."""
    address = normalize_email(email)
    if kind not in PrivacyRequest.Kind.values:
        raise InvalidInput("`kind` is export or erase.", param="kind")
    expire_unconfirmed_requests()
    pending = (
        PrivacyRequest.objects.select_for_update()
        .filter(email=address, kind=kind, status__in=PrivacyRequest.PENDING_STATUSES)
        .first()
    )
    if pending is None:
        return send_confirmation(privacy_request=PrivacyRequest.objects.create(email=address, kind=kind))
    awaiting = pending.status == PrivacyRequest.Status.AWAITING_CONFIRMATION
    if awaiting and pending.confirmation_sent_at <= timezone.now() - RESEND_AFTER:
        send_confirmation(privacy_request=pending)
    return pending


@transaction.atomic
def send_confirmation(*, privacy_request: PrivacyRequest) -> PrivacyRequest:
    """(Re-)send the confirmation link of a request awaiting confirmation; other requests are left alone."""
    if privacy_request.status != PrivacyRequest.Status.AWAITING_CONFIRMATION:
        return privacy_request
    privacy_request.confirmation_sent_at = timezone.now()
    privacy_request.save(update_fields=["confirmation_sent_at", "updated_at"])
    token = signing.dumps({"id": privacy_request.public_id}, salt=CONFIRM_SALT)
    context = {
        "request": privacy_request,
        "link": absolute_url(f"/privacy/confirm/{token}"),
        "hours": settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS // 3600,
    }
    mail_on_commit(privacy_request.email, "privacy/email/confirm.txt", context)
    return privacy_request


def request_for_confirmation_token(token: str) -> PrivacyRequest:
    """The request a confirmation link names, without changing it. Raise InvalidPrivacyLink."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise InvalidPrivacyLink("This confirmation link has expired; please file the request again.") from None
    except signing.BadSignature:
        raise InvalidPrivacyLink("This confirmation link is not valid.") from None
    privacy_request = PrivacyRequest.objects.filter(
        public_id=data.get("id") if isinstance(data, dict) else None
    ).first()
    if privacy_request is None:
        raise InvalidPrivacyLink("This confirmation link is not valid.")
    return privacy_request


@transaction.atomic
def confirm_privacy_request(*, token: str) -> PrivacyRequest:
    """Confirm the request the link names and queue its processing; confirming twice changes nothing.
    Raise InvalidPrivacyLink for an altered or expired link."""
    privacy_request = PrivacyRequest.objects.select_for_update().get(pk=request_for_confirmation_token(token).pk)
    if privacy_request.status != PrivacyRequest.Status.AWAITING_CONFIRMATION:
        return privacy_request
    privacy_request.status = PrivacyRequest.Status.CONFIRMED
    privacy_request.confirmed_at = timezone.now()
    privacy_request.save(update_fields=["status", "confirmed_at", "updated_at"])
    public_id = privacy_request.public_id
    transaction.on_commit(lambda: process_privacy_request_task.delay(public_id))
    return privacy_request
