"""API key authentication: `Authorization: Bearer <key>` or `X-API-Key: <key>`.

Keys in the query string are refused with 400 `api_key_in_query`: URLs end up in logs and browser history.
Keys belong to accounts, so the authentication class lives here and the API machinery names it only in settings.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from .models import ApiKey

QUERY_KEY_NAMES = {"x-api-key", "api_key", "apikey", "access_token", "key"}


class ApiKeyInQuery(exceptions.ParseError):
    problem_code = "api_key_in_query"
    problem_title = "API key in query string"

    def __init__(self, name: str) -> None:
        super().__init__(detail="Send the API key in the Authorization or X-API-Key header, never in the URL.")
        self.param = name


def key_from_headers(request) -> str | None:
    authorization = request.headers.get("Authorization", "")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise exceptions.AuthenticationFailed("Use `Authorization: Bearer <key>`.")
        return token.strip()
    return request.headers.get("X-API-Key") or None


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        for name in request.query_params:
            if name.lower() in QUERY_KEY_NAMES:
                raise ApiKeyInQuery(name)
        secret = key_from_headers(request)
        if secret is None:
            return None
        api_key = ApiKey.objects.authenticate(secret)
        if api_key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        return api_key.user, api_key

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse a web login for an account or an address locked after too many failures (django-axes).

    A login without a request (the test client's `login()`, a management command) is no web attempt: it passes
    to the next backend instead of failing, as axes' own backend would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class EmailOrUsernameBackend(ModelBackend):
    """Sign in with the account's e-mail address (what the store's form asks for) or its username.

    Accounts made by sign-up use the e-mail as username; others (the demo buyer, staff made with createsuperuser)
    have a short username and an e-mail: either opens the account. An e-mail shared by several accounts opens none.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            accounts = list(get_user_model().objects.filter(email__iexact=username)[:2])
            if len(accounts) == 1:
                username = accounts[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
