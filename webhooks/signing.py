"""Signing webhook deliveries, and verifying them (for the docs' playground and receivers written in Python).

Every delivery carries two independent signatures over the exact body bytes sent:

- `X-Shop-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]` — `v1` is the hex
  HMAC-SHA256 of `"<t>." + raw_body`, keyed by the UTF-8 bytes of the whole secret string (`whsec_…`).
  `X-Shop-Timestamp` repeats `t`.
- Standard Webhooks (standardwebhooks.com): `webhook-id` (the event id, the same on every retry),
  `webhook-timestamp` (unix seconds) and `webhook-signature: v1,<base64>[ v1,<base64>]`, made by the
  `standardwebhooks` package, keyed by the base64-decoded part of the secret after `whsec_`.

While a rotated-out secret is still valid (24 hours) both lists carry one signature per secret, so receivers
holding either secret verify. Receivers should refuse timestamps more than 5 minutes away from their clock.
"""

import hashlib
import hmac
import time
from datetime import UTC, datetime

from standardwebhooks import Webhook
from standardwebhooks.webhooks import EmptyWebhookSecretError, WebhookVerificationError

TOLERANCE_SECONDS = 300


def signature_headers(*, message_id: str, body: bytes, secrets: list[str], timestamp: int | None = None) -> dict:
    """Both signature header sets for one body, signed with every secret given."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    shop_signatures = ",".join(f"v1={shop_signature(secret, timestamp, body)}" for secret in secrets)
    moment = datetime.fromtimestamp(timestamp, tz=UTC)
    text = body.decode()
    standard_signatures = " ".join(Webhook(secret).sign(message_id, moment, text) for secret in secrets)
    return {
        "X-Shop-Signature": f"t={timestamp},{shop_signatures}",
        "X-Shop-Timestamp": str(timestamp),
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard_signatures,
    }


def shop_signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def verify_shop_signature(*, secret: str, header: str, body: bytes, now: float | None = None) -> str | None:
    """Check an `X-Shop-Signature` header; return None when it verifies, else the reason it does not."""
    timestamp, candidates = None, []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            timestamp = value
        elif name == "v1":
            candidates.append(value)
    if not timestamp or not timestamp.isdigit() or not candidates:
        return "The header must look like t=<unix seconds>,v1=<hex>."
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return "The timestamp is more than 5 minutes away from now."
    expected = shop_signature(secret, int(timestamp), body)
    if any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        return None
    return "No v1 signature matches this secret and body."


def verify_standard_signature(*, secret: str, headers: dict[str, str], body: bytes) -> str | None:
    """Check Standard Webhooks headers with the standardwebhooks package; None when they verify."""
    try:
        webhook = Webhook(secret)
    except (ValueError, EmptyWebhookSecretError):
        return "The secret must be `whsec_` followed by base64."
    try:
        text = body.decode()
    except UnicodeDecodeError:
        return "The body is not UTF-8 text, so it is not what we sent."
    try:
        webhook.verify(text, headers, json_parse=False)
    except WebhookVerificationError as error:
        return str(error)
    except ValueError:
        return "The webhook-signature header must be space-separated `v1,<base64>` pairs."
    return None
