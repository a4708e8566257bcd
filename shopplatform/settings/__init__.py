"""Settings for Shopplatform, read from the environment.

Every variable has an embedded default, so a bare checkout runs on SQLite, local file storage, a local-memory
cache and eager Celery. Production sets DATABASE_URL, REDIS_URL, STORAGE_BACKEND=s3 and the secrets.
Nothing else in the project reads os.environ (the typed readers are in shopplatform/env.py).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from shopplatform.backoffice.theme import UNFOLD  # noqa: F401  (django-unfold reads settings.UNFOLD)
from shopplatform.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the embedded SQLite file and local media live here


DEBUG = env_bool("DEBUG", True)
DEVELOPMENT_SECRET_KEY = "dev-insecure-secret-key-change-me-in-production"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY.strip() in ("", DEVELOPMENT_SECRET_KEY):
    # The key signs sessions, download links and privacy exports: the public development key would let anyone
    # forge them, so production refuses to start without a key of its own.
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or is the development key while DEBUG=false; "
        "set SECRET_KEY to a long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public base URL of absolute links (shopplatform/links.py). Unset in development: links follow the host
# each request came on, so the shop works on any port.
SITE_URL = env_str("SITE_URL", "")

INSTALLED_APPS = [
    # The back-office theme (docs/back-office.md): django-unfold's apps come before Django's admin so its
    # templates win.
    "unfold",
    "unfold.contrib.filters",
    "unfold.contrib.forms",
    "unfold.contrib.import_export",
    "unfold.contrib.simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "import_export",
    "simple_history",
    "shopplatform.api",
    "shopplatform.store",
    "shopplatform.accounts",
    "catalog",
    "media_library",
    "wallet",
    "orders",
    "webhooks",
    "shopplatform.privacy",
    "shopplatform.storefront",
    "shopplatform.backoffice",
]

MIDDLEWARE = [
    "shopplatform.api.request_id.RequestIdMiddleware",
    "shopplatform.links.SiteURLMiddleware",
    "shopplatform.api.query_guard.QueryStringGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below CSPMiddleware: adds 'unsafe-eval' to script-src on /admin/ only (django-unfold's Alpine.js).
    "shopplatform.backoffice.csp.AdminScriptPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (it serves static files pre-compressed) and above everything that reads or sets the body.
    "shopplatform.api.compression.TextGZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the signed-in user on the change-history rows a request writes (shopplatform/backoffice/history.py).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shopplatform.api.errors.ApiExceptionMiddleware",
    # Below it, so it sees a view's exception first: a database, Redis or S3 outage answers 503, not 500.
    "shopplatform.api.outages.OutageMiddleware",
    # Last: turns a login refused for too many failures into the "locked out" page (AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shopplatform.urls"
WSGI_APPLICATION = "shopplatform.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shopplatform.store.context_processors.storefront",
            ],
            # `{% url %}` with each answer remembered by the process (shopplatform/routes.py).
            "builtins": ["shopplatform.routes"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# Opening a PostgreSQL connection costs more than serving a catalog page, so connections live for a minute by
# default, checked before reuse (one the server dropped is replaced instead of failing the request).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60 if IS_POSTGRES else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = IS_POSTGRES
# PostgreSQL parses and plans a statement sent as text on every execution: a key lookup cost 0.2-0.4 ms that way,
# most of a checkout's database time. Statements bound server-side and prepared after DB_PREPARE_THRESHOLD uses per
# connection are planned once. A transaction-mode pooler needs prepared-statement support (PgBouncer 1.21+
# max_prepared_statements); DB_PREPARE_THRESHOLD=off sends text as Django does by default (docs/operations.md).
DB_PREPARE_THRESHOLD = env_str("DB_PREPARE_THRESHOLD", "2")
if IS_POSTGRES and DB_PREPARE_THRESHOLD != "off":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=int(DB_PREPARE_THRESHOLD)
    )
if not IS_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Tests run on an in-memory database, Django's default for SQLite, said outright: the engine is a wrapper
    # (django_prometheus, below), which pytest-xdist's per-worker naming would otherwise take for a file path.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "shop"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
# kombu's Redis transport, keeping the Redis client it publishes through (shopplatform/broker.py).
CELERY_BROKER_TRANSPORT = "shopplatform.broker:Transport" if REDIS_URL else None
CELERY_RESULT_BACKEND = REDIS_URL or None
# Tasks are fired and forgotten: their outcome is in the database (a sent e-mail, a delivery). A task whose return
# value someone waits for says so (`ignore_result=False`: the worker heartbeat). Kept, every order's e-mail task left
# a result in Redis for a day, and every enqueue subscribed the web process to the result's channel, never read.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Fail fast when the broker is down: the outbox sweep re-enqueues what could not be published.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up closes the database connection around every task unless this is set (a new PostgreSQL
# connection per task was most of a webhook delivery's cost); shopplatform.celery closes old or broken connections
# after each task instead, as Django does after a request (CONN_MAX_AGE, health checks).
CELERY_DB_REUSE_MAX = 1_000_000_000
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "shop")
# Periodic work `make worker` runs with beat; every entry is idempotent (safe to run twice).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "purge-idempotency-keys": {"task": "shopplatform.api.tasks.purge_idempotency_keys_task", "schedule": 3600.0},
    # Workers stamp a heartbeat row each minute; /healthz shows the newest one.
    "record-worker-heartbeat": {"task": "shopplatform.store.tasks.record_worker_heartbeat_task", "schedule": 60.0},
    "requeue-stalled-media": {"task": "media_library.tasks.requeue_stalled_media_task", "schedule": 600.0},
    "sweep-webhook-deliveries": {"task": "webhooks.tasks.sweep_webhook_deliveries_task", "schedule": 60.0},
    "prune-webhook-history": {"task": "webhooks.tasks.prune_webhook_history_task", "schedule": 3600.0},
    # Abandoned-cart reminders: the store settings decide whether and when; this only sets how often to look.
    "send-abandoned-cart-reminders": {"task": "orders.tasks.send_abandoned_cart_reminders_task", "schedule": 900.0},
    "expire-privacy-requests": {"task": "shopplatform.privacy.tasks.expire_privacy_requests_task", "schedule": 3600.0},
    # Product representations written ahead of reads (catalog.prerender); reads never wait for it.
    "refresh-product-documents": {"task": "catalog.tasks.refresh_product_documents_task", "schedule": 60.0},
}
# `make worker` runs beat inside the worker; keep its schedule state out of the project root.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Storage --------------------------------------------------------------------------------------------
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "shopplatform" / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "shopplatform")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "us-east-1")
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
AWS_QUERYSTRING_EXPIRE = 60
AWS_DEFAULT_ACL = None
# Digital product files live in their own private storage, never under MEDIA_URL: a directory outside MEDIA_ROOT
# locally, a private prefix (or DIGITAL_FILES_BUCKET) on S3. They leave only through 60-second signed URLs.
DIGITAL_FILES_ROOT = Path(env_str("DIGITAL_FILES_ROOT", str(VAR_DIR / "private" / "digital")))
DIGITAL_MAX_FILE_BYTES = env_int("DIGITAL_MAX_FILE_BYTES", 500 * 1024 * 1024)
DIGITAL_DOWNLOAD_URL_SECONDS = 60  # download links expire a minute after they are issued
ON_S3 = STORAGE_BACKEND == "s3"
_S3_STORAGE = "storages.backends.s3.S3Storage"
_FILE_STORAGE = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": _S3_STORAGE, "OPTIONS": {}} if ON_S3 else {"BACKEND": _FILE_STORAGE},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "digital": {
        "BACKEND": _S3_STORAGE,
        "OPTIONS": {
            "bucket_name": env_str("DIGITAL_FILES_BUCKET", AWS_STORAGE_BUCKET_NAME),
            "location": "private/digital",
            "default_acl": "private",
            "querystring_auth": True,
            "signature_version": "s3v4",  # SigV4: X-Amz-Expires in the URL, required by most regions
            "querystring_expire": DIGITAL_DOWNLOAD_URL_SECONDS,
            "file_overwrite": False,
        },
    }
    if ON_S3
    else {"BACKEND": _FILE_STORAGE, "OPTIONS": {"location": DIGITAL_FILES_ROOT, "base_url": "/downloads/"}},
    # Privacy export archives hold personal data: a storage nobody can read without the signed link.
    "privacy_exports": {
        "BACKEND": _S3_STORAGE,
        "OPTIONS": {"location": "private/privacy-exports", "default_acl": "private", "querystring_auth": True},
    }
    if ON_S3
    else {"BACKEND": _FILE_STORAGE, "OPTIONS": {"location": str(VAR_DIR / "private" / "privacy-exports")}},
    # Issued invoices (names and addresses): private, served only through the admin's download view.
    "invoices": {
        "BACKEND": _S3_STORAGE,
        "OPTIONS": {"location": "private/invoices", "default_acl": "private", "querystring_auth": True},
    }
    if ON_S3
    else {"BACKEND": _FILE_STORAGE, "OPTIONS": {"location": str(VAR_DIR / "private" / "invoices")}},
    # Back-office import uploads and export files (customers, orders): private, served to staff by the admin only.
    "backoffice_files": {
        "BACKEND": _S3_STORAGE,
        "OPTIONS": {"location": "private/backoffice", "default_acl": "private", "querystring_auth": True},
    }
    if ON_S3
    else {"BACKEND": _FILE_STORAGE, "OPTIONS": {"location": str(VAR_DIR / "private" / "backoffice")}},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 30 * 1024 * 1024)

# Change history (shopplatform/backoffice/history.py) is read-only: simple_history's "revert" would save a row
# without its app's service (validation, sanitising, events).
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Auth, i18n -----------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/account/login/"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "shop@localhost")

# --- Security -------------------------------------------------------------------------------------------
SHOP_ALLOW_PRIVATE_URLS = env_bool("SHOP_ALLOW_PRIVATE_URLS", False)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every page (django-csp 4 format): scripts only from our own static files, never
# inline, so HTML that slipped past the sanitiser still cannot run. Inline styles stay allowed (the admin and
# format_html previews use style attributes); images may come from any https host (external product images,
# S3); frames only from the two video players the product page embeds. The Swagger and ReDoc pages build
# themselves with inline scripts and are left out. Admin pages add 'unsafe-eval' to script-src, for django-unfold's
# Alpine.js (shopplatform/backoffice/csp.py explains the trade-off).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/docs", "/api/redoc"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", "https://checkout.stripe.com"],
        "frame-ancestors": ["'none'"],
    },
}
# Login throttling (django-axes) on the store and admin logins: after AXES_FAILURE_LIMIT wrong passwords an
# account is locked, and so is an address, each on its own, for AXES_COOLOFF_TIME; a successful login resets
# the count. Logins without a request (the test client's login(), scripts) are not web attempts and pass.
AUTHENTICATION_BACKENDS = [
    "shopplatform.accounts.authentication.LoginThrottleBackend",
    "shopplatform.accounts.authentication.EmailOrUsernameBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The caller's address as the API's rate limits see it: behind TRUSTED_PROXY_COUNT proxies, from X-Forwarded-For,
# so one proxy address does not lock out every customer at once.
AXES_CLIENT_IP_CALLABLE = "shopplatform.api.throttling.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures are what throttling needs; a row per successful login would only grow
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
if not DEBUG:
    # HTTPS only in production: redirect plain HTTP, HSTS, secure cookies. /healthz stays
    # reachable over HTTP for load balancers probing from inside the network.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)

# --- Payments -------------------------------------------------------------------------------------------
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE")
# PayPal (docs/payments.md): offered only when the client id and secret are set. ENVIRONMENT is `sandbox` or
# `production`; BASE_URL, when set, replaces the environment's API address (the tests' local stand-in).
PAYPAL_CLIENT_ID = env_str("PAYPAL_CLIENT_ID")
PAYPAL_CLIENT_SECRET = env_str("PAYPAL_CLIENT_SECRET")
PAYPAL_ENVIRONMENT = env_str("PAYPAL_ENVIRONMENT", "sandbox")
PAYPAL_BASE_URL = env_str("PAYPAL_BASE_URL")
PAYPAL_WEBHOOK_ID = env_str("PAYPAL_WEBHOOK_ID")
# Multibanco references (docs/payments.md): the store's 5-digit entity; Multibanco is offered only when it is set.
MULTIBANCO_ENTITY = env_str("MULTIBANCO_ENTITY")

# --- API ------------------------------------------------------------------------------------------------
API_VERSIONS = ["2026-11-01"]
API_DEFAULT_RATE_LIMIT = env_int("API_DEFAULT_RATE_LIMIT", 60)
# Active (unrevoked) API keys one user may hold; the next one is refused with 409.
API_KEYS_PER_USER = env_int("API_KEYS_PER_USER", 25)
API_ANONYMOUS_RATE_LIMIT = env_int("API_ANONYMOUS_RATE_LIMIT", 60)
IDEMPOTENCY_TTL_SECONDS = 24 * 3600
PUBLIC_CACHE_SECONDS = 300

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["shopplatform.accounts.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["shopplatform.api.scopes.ScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["shopplatform.api.renderers.FastJSONRenderer"],  # DRF's bytes, via orjson
    "DEFAULT_PARSER_CLASSES": ["shopplatform.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "shopplatform.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "shopplatform.api.schema.ShopAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["shopplatform.api.throttling.ApiRateThrottle"],
    "DEFAULT_VERSIONING_CLASS": "shopplatform.api.versioning.ApiVersionHeaderVersioning",
    # Proxies in front of the app whose X-Forwarded-For is trusted for the client address (anonymous limits).
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0),
    "EXCEPTION_HANDLER": "shopplatform.api.errors.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "%Y-%m-%dT%H:%M:%SZ",
    "COERCE_DECIMAL_TO_STRING": False,
    "PAGE_SIZE": 25,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Shopplatform API",
    "DESCRIPTION": "REST API for integrators: catalog, carts, checkout, orders, wallet, webhooks and more. "
    "See docs/api.md for the conventions every endpoint follows.\n\n"
    "**Release channel: Beta until 2026-12-15.** The Wallet and Shop (carts, checkout, orders) operations, tagged "
    "`beta`, may still change in a backwards-incompatible way within the current API-Version; pin a version with "
    "the `API-Version` header.",
    "EXTENSIONS_INFO": {"x-release-channel": {"channel": "beta", "until": "2026-12-15", "tags": ["beta"]}},
    "VERSION": API_VERSIONS[-1],
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "shopplatform.api.schema.add_problem_responses",
        "shopplatform.api.schema_examples.add_examples_and_code_samples",
    ],
    # One name per shared enum, so generated clients get stable types.
    "ENUM_NAME_OVERRIDES": {
        "FieldRequirementEnum": "shopplatform.store.models.FieldRequirement",
        "PaymentMethodEnum": "shopplatform.store.payments.PAYMENT_METHOD_CHOICES",
        "CheckoutPaymentMethodEnum": "shopplatform.store.payments.CHECKOUT_CHOICES",
        "WebhookEventTypeEnum": "shopplatform.events.EVENT_TYPES",
        "ProductStatusEnum": "catalog.models.ProductStatus",
        "LedgerEntryTypeEnum": "wallet.models.LedgerEntry.Type",
        "CouponTypeEnum": "orders.models.Coupon.Type",
        "PrivacyRequestKindEnum": "shopplatform.privacy.models.PrivacyRequest.Kind",
        "PrivacyRequestStatusEnum": "shopplatform.privacy.models.PrivacyRequest.Status",
    },
}

# --- CORS: only anonymous public reads (see shopplatform.api.caching) -----------------------------------
CORS_ALLOW_ALL_ORIGINS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_PREFLIGHT_MAX_AGE = 3600
CORS_ALLOW_HEADERS = ["accept", "api-version", "if-none-match", "x-request-id"]
CORS_EXPOSE_HEADERS = [
    "X-Request-ID",
    "X-Total-Count",
    "Link",
    "ETag",
    "API-Version",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]

# --- Logging: every record carries the request id -------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "shopplatform.api.request_id.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "shopplatform.logs.JsonLogFormatter"},  # one JSON object a line (LOG_FORMAT=json)
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env_str("LOG_FORMAT", "plain") == "json" else "plain",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Metrics and error reporting: /metrics for Prometheus, Sentry when SENTRY_DSN is set ------------------
# django-prometheus times every request per route and every query and counts cache reads; the cache backends of
# shopplatform.timed_cache also time each cache call. /metrics is read with a staff session or
# `Authorization: Bearer <METRICS_TOKEN>` (empty: staff only). PROMETHEUS_MULTIPROC_DIR, when set (also for
# prometheus_client itself), sums the counters of every process on the host.
METRICS_TOKEN = env_str("METRICS_TOKEN")
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR")
PROMETHEUS_EXPORT_MIGRATIONS = False
INSTALLED_APPS.append("django_prometheus")
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
DATABASES["default"]["ENGINE"] = "shopplatform.database" if IS_POSTGRES else "django_prometheus.db.backends.sqlite3"
CACHES["default"]["BACKEND"] = (
    "shopplatform.timed_cache.RedisCache" if REDIS_URL else "shopplatform.timed_cache.LocMemCache"
)
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from shopplatform.sentry import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# --- The domain apps' settings (shopplatform/settings/apps.py) -------------------------------------------
from .apps import *  # noqa: E402, F403
from .apps import MEDIA_PUBLIC_URL_BASE  # noqa: E402  (product representations below)

# --- Stored product representations (catalog.documents) -------------------------------------------------
# Anonymous product reads serve stored bodies. Off by default on S3 without MEDIA_PUBLIC_URL_BASE, whose image
# URLs are signed and expire: a stored body would outlive them.
# How long display paths reuse a process's copy of the store settings (Store.cached; pricing reads the row).
STORE_SETTINGS_CACHE_SECONDS = env_int("STORE_SETTINGS_CACHE_SECONDS", 2)
PRODUCT_DOCUMENTS = env_bool("PRODUCT_DOCUMENTS", not (ON_S3 and not MEDIA_PUBLIC_URL_BASE))
