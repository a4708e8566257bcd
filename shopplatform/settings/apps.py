"""The domain apps' settings (media library, webhooks, privacy requests, feeds, store pages): each read from the
environment with its embedded default. `shopplatform.settings` imports them."""

from shopplatform.env import env_int, env_list, env_str

# --- Media library (media_library app) ------------------------------------------------------------------
MEDIA_MAX_UPLOAD_BYTES = env_int("MEDIA_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)  # uploads and URL fetches
MEDIA_MAX_IMAGE_PIXELS = env_int("MEDIA_MAX_IMAGE_PIXELS", 50_000_000)  # decompression-bomb limit (width x height)
MEDIA_FETCH_TIMEOUT_SECONDS = env_int("MEDIA_FETCH_TIMEOUT_SECONDS", 30)
MEDIA_STALLED_AFTER_SECONDS = env_int("MEDIA_STALLED_AFTER_SECONDS", 900)
# Public base of stored media (a CDN or public bucket); unset → the storage's own URLs.
MEDIA_PUBLIC_URL_BASE = env_str("MEDIA_PUBLIC_URL_BASE")

# --- Webhooks (webhooks app) ----------------------------------------------------------------------------
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
# Wait before retry n (about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); after the last one the delivery fails.
WEBHOOK_RETRY_SCHEDULE_SECONDS = [
    int(seconds)
    for seconds in env_list("WEBHOOK_RETRY_SCHEDULE_SECONDS", ["5", "300", "1800", "7200", "18000", "36000", "36000"])
]
WEBHOOK_DISABLE_AFTER_SECONDS = env_int("WEBHOOK_DISABLE_AFTER_SECONDS", 3 * 24 * 3600)  # failing this long → disabled
WEBHOOK_SWEEP_GRACE_SECONDS = env_int(
    "WEBHOOK_SWEEP_GRACE_SECONDS", 120
)  # a due delivery nobody took this long is re-enqueued
# Events older than this go with their deliveries and attempt logs once all are settled (webhooks/retention.py);
# 0 keeps them forever.
WEBHOOK_EVENT_RETENTION_DAYS = env_int("WEBHOOK_EVENT_RETENTION_DAYS", 30)
# Empty: webhook tasks use the default queue. Set it to run deliveries on a dedicated worker (`-Q <name>`).
WEBHOOK_QUEUE = env_str("WEBHOOK_QUEUE")
CELERY_TASK_ROUTES = ["webhooks.routing.route_webhook_task"]

# --- Privacy requests and feeds -------------------------------------------------------------------------
PRIVACY_CONFIRMATION_MAX_AGE_SECONDS = env_int("PRIVACY_CONFIRMATION_MAX_AGE_SECONDS", 48 * 3600)
PRIVACY_EXPORT_MAX_AGE_SECONDS = env_int("PRIVACY_EXPORT_MAX_AGE_SECONDS", 7 * 24 * 3600)
FEED_ITEM_LIMIT = 50

# --- Store pages (catalog/orders/wallet/accounts views) -------------------------------------------------
LOGIN_REDIRECT_URL = "/account/"
