"""Base classes every API view inherits, so each endpoint gets the conventions docs/api.md describes.

Set on a view: `scope_resource` ("catalog" → catalog:read / catalog:write), `anonymous_methods` (methods open
to callers without a key), `staff_only`, `public_cache` (anonymous GETs are publicly cacheable, with CORS).

Order of a request: version, authentication, scopes, rate limit (DRF's `initial`), body size, Idempotency-Key
claim or replay, handler; then every response gets the idempotency record, rate-limit, version and cache headers.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import Q
from django.http import Http404
from rest_framework import exceptions, mixins, viewsets
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.metadata import SimpleMetadata
from rest_framework.response import Response
from rest_framework.views import APIView

from shopplatform.errors import NotFound

from . import idempotency
from .caching import add_cache_headers
from .errors import problem_response
from .strict import MACHINERY_PARAMETERS, as_json_values, current_view, refuse_unknown_query_parameters
from .throttling import add_rate_limit_headers
from .versioning import add_version_header


def refuse_oversized_body(request) -> None:
    """Raise RequestDataTooBig (→ 413) for a non-multipart body over DATA_UPLOAD_MAX_MEMORY_SIZE.

    Django checks the limit only when `request.body` is read; DRF's parsers read the stream and would not.
    Multipart uploads stream to files and keep Django's own per-field limits.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or request.content_type.startswith("multipart/"):
        return
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise RequestDataTooBig(f"The body is over {limit} bytes.")


class SecretResponse(Response):
    """A response that shows a secret once (a new API key, a webhook endpoint's signing secret).

    The idempotency layer never stores it: a replay of its Idempotency-Key answers 409
    `idempotent_replay_unavailable` instead, so the secret is not kept in the database for 24 hours.
    """


def secret_withheld(request):
    return problem_response(
        request,
        status=409,
        code="idempotent_replay_unavailable",
        title="Replay unavailable",
        detail="The first request with this Idempotency-Key succeeded and showed a secret, which is shown only "
        "once and never stored. List the resource to find what it created.",
        param=idempotency.KEY_HEADER,
    )


class RouteMetadata(SimpleMetadata):
    """OPTIONS answers name, description and formats; the OpenAPI document describes the inputs.

    DRF's default also probes `get_object()` and every serializer to describe writable fields, which fails on
    routes without an object (bulk actions, singletons under a product) and would repeat the schema anyway.
    """

    def determine_metadata(self, request, view):
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }


class ShopAPIMixin:
    metadata_class = RouteMetadata
    scope_resource: str | None = None
    anonymous_methods: tuple[str, ...] = ()
    staff_only = False
    public_cache = False
    # Query parameters the view reads itself, besides its filterset's and the list machinery's.
    query_parameters: tuple[str, ...] = ()
    idempotency_claim: idempotency.Claim | None = None

    def initial(self, request, *args, **kwargs) -> None:
        current_view.set(self)
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)  # before the scope check, which would name a scope of no use
        super().initial(request, *args, **kwargs)
        refuse_unknown_query_parameters(request, self.known_query_parameters())
        refuse_oversized_body(request)
        self.idempotency_claim = idempotency.claim(request)

    def handle_exception(self, exc):
        if isinstance(exc, idempotency.ReplayResponse):
            return exc.response
        try:
            return super().handle_exception(exc)
        except Exception:
            if self.idempotency_claim is not None:  # the handler crashed: free the key so a retry runs again
                idempotency.release(self.idempotency_claim)
            raise

    def known_query_parameters(self) -> set[str]:
        filterset = getattr(self, "filterset_class", None)
        filters = set(filterset.base_filters) if filterset is not None else set()
        return {*MACHINERY_PARAMETERS, *filters, *self.query_parameters}

    def stored_representation(self):
        """What GET returns for the object a PUT or PATCH changes (strict input compares read-only names with it)."""
        if getattr(self, "action", None) not in ("update", "partial_update") or not hasattr(self, "retrieve"):
            return None
        try:
            return as_json_values(self.retrieve(self.request, *self.args, **self.kwargs).data)
        except (Http404, NotFound, exceptions.NotFound):  # a PUT that creates (a passport): nothing stored yet
            return None

    def output_field_names(self) -> frozenset[str]:
        """Names of the resource as GET renders it: refused as read-only on a create."""
        serializer_class = getattr(self, "serializer_class", None)
        return frozenset(serializer_class().fields) if serializer_class is not None else frozenset()

    def finalize_response(self, request, response, *args, **kwargs):
        current_view.set(None)
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.idempotency_claim is not None:
            stored = secret_withheld(request) if isinstance(response, SecretResponse) else response
            idempotency.record_response(self.idempotency_claim, stored)
        add_rate_limit_headers(request, response)
        add_version_header(request, response)
        add_cache_headers(request, response, public_cache=self.public_cache)
        return response


class ShopAPIView(ShopAPIMixin, APIView):
    pass


class ShopGenericViewSet(ShopAPIMixin, viewsets.GenericViewSet):
    """Looks objects up by public id, or by slug where the model has one (`slug_lookup = True`)."""

    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[^/]+"
    slug_lookup = False

    def get_object(self):
        queryset = self.filter_queryset(self.get_queryset())
        value = self.kwargs[self.lookup_url_kwarg]
        condition = Q(public_id=value) | Q(slug=value) if self.slug_lookup else Q(public_id=value)
        matches = list(queryset.filter(condition)[:2])
        # An id wins over a slug that happens to spell the same text.
        obj = next((item for item in matches if item.public_id == value), matches[0] if matches else None)
        if obj is None:
            raise Http404(value)
        self.check_object_permissions(self.request, obj)
        return obj


class PartialUpdateMixin(mixins.UpdateModelMixin):
    """PUT and PATCH both apply partial updates (integrations send only the fields to change)."""

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)
