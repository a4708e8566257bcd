"""Cache-Control, ETag and CORS of API responses.

Anonymous GET/HEAD 200 responses of views with `public_cache = True` may be kept by shared caches
(`Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS`) and carry a strong ETag over the body, which
ConditionalGetMiddleware compares with If-None-Match to answer 304. Every other API response is
`private, no-store`. Public views vary on the credential and version headers, so a cache never hands an
anonymous copy to a keyed caller.

CORS (django-cors-headers, CORS_ALLOW_ALL_ORIGINS off) is switched on per request by `allow_public_cors`: only for
GET/HEAD/OPTIONS without credentials to public views, the OpenAPI document and the feeds.
"""

from hashlib import sha256

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

from .versioning import VERSION_HEADER

CREDENTIAL_HEADERS = ("Authorization", "X-API-Key")
READ_METHODS = ("GET", "HEAD")
OPENAPI_PATH = "/api/openapi.json"
FEEDS_PREFIX = "/feeds/"


def sends_credentials(request) -> bool:
    """True when the request (or the one a CORS preflight announces) carries an API key."""
    if any(name in request.headers for name in CREDENTIAL_HEADERS):
        return True
    announced = {name.strip().lower() for name in request.headers.get("Access-Control-Request-Headers", "").split(",")}
    return any(name.lower() in announced for name in CREDENTIAL_HEADERS)


def add_cache_headers(request, response, *, public_cache: bool) -> None:
    if public_cache:
        patch_vary_headers(response, (*CREDENTIAL_HEADERS, VERSION_HEADER))
    is_public = (
        public_cache
        and request.method in READ_METHODS
        and response.status_code == 200
        and not sends_credentials(request)
    )
    if not is_public:
        response["Cache-Control"] = "private, no-store"
        return
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    if not response.has_header("ETag"):
        if not getattr(response, "is_rendered", True):
            response.render()
        response["ETag"] = f'"{sha256(response.content).hexdigest()}"'


def _is_public_view(request) -> bool:
    match = request.resolver_match
    if match is None:  # CORS decides before URL resolution; preflights never reach a view
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return bool(getattr(getattr(match.func, "cls", None), "public_cache", False))


def allow_public_cors(sender, request, **kwargs) -> bool:
    """django-cors-headers' check_request_enabled receiver: CORS for anonymous public reads only."""
    if request.method not in (*READ_METHODS, "OPTIONS") or sends_credentials(request):
        return False
    if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method", "GET") not in READ_METHODS:
        return False
    path = request.path_info
    return path == OPENAPI_PATH or path.startswith(FEEDS_PREFIX) or _is_public_view(request)
