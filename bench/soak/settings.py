"""Soak settings: the project's, with the recovery timings shortened so a run of a few minutes sees them work.

Production sweeps every minute with a two-minute grace; here the sweeps run every few seconds, so a delivery or a
media task lost with a killed worker or a restarted Redis is picked up within the run. `SOAK_BREAK=sweep` leaves
the webhook sweep out, to show that the soak then fails.
"""

import os

from shopplatform.settings import *  # noqa: F403
from shopplatform.settings import CELERY_BEAT_SCHEDULE

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False  # plain HTTP on loopback
SHOP_ALLOW_PRIVATE_URLS = True  # the webhook receiver listens on 127.0.0.1
API_ANONYMOUS_RATE_LIMIT = 100_000
API_DEFAULT_RATE_LIMIT = 100_000

WEBHOOK_SWEEP_GRACE_SECONDS = 8
WEBHOOK_TIMEOUT_SECONDS = 5
WEBHOOK_RETRY_SCHEDULE_SECONDS = [1, 2, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]
MEDIA_STALLED_AFTER_SECONDS = 12

CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "sweep-webhook-deliveries": {"task": "webhooks.tasks.sweep_webhook_deliveries_task", "schedule": 4.0},
    "requeue-stalled-media": {"task": "media_library.tasks.requeue_stalled_media_task", "schedule": 4.0},
    "record-worker-heartbeat": {"task": "shopplatform.store.tasks.record_worker_heartbeat_task", "schedule": 10.0},
}
if os.environ.get("SOAK_BREAK") == "sweep":
    del CELERY_BEAT_SCHEDULE["sweep-webhook-deliveries"]
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get("SOAK_BEAT_FILE", "/tmp/soak-celerybeat-schedule")
