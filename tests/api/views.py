"""Endpoints that exist only in tests, mounted by tests.api.urls (`@pytest.mark.urls("tests.api.urls")`)."""

import logging
import threading
import uuid

from django.contrib.auth.models import Group
from rest_framework import mixins, serializers
from rest_framework.response import Response

from shopplatform.accounts.api.serializers import ApiKeyOutput
from shopplatform.accounts.models import ApiKey
from shopplatform.api.viewsets import ShopAPIView, ShopGenericViewSet
from shopplatform.errors import Conflict

logger = logging.getLogger("tests.api")
MADE_HERE = ("group-", "catalog-")  # names of the groups these views create (the staff roles are groups too)


def made_groups() -> int:
    """How many groups the views below have created (not the staff roles the migrations add)."""
    return sum(Group.objects.filter(name__startswith=prefix).count() for prefix in MADE_HERE)


class GroupInput(serializers.Serializer):
    fail = serializers.BooleanField(default=False)


class GroupView(ShopAPIView):
    """POST creates a Group (an observable side effect); `{"fail": true}` raises a ShopError after writing.

    DELETE removes every group it made. `gate`, when a test sets it, holds the handler until released.
    """

    anonymous_methods = ("POST", "DELETE")
    gate: threading.Event | None = None

    def post(self, request):
        payload = GroupInput(data=request.data)
        payload.is_valid(raise_exception=True)
        if self.gate is not None:
            self.gate.wait(timeout=20)
        group = Group.objects.create(name=f"group-{uuid.uuid4().hex}")
        if payload.validated_data["fail"]:
            raise Conflict("Asked to fail.", param="fail")
        return Response({"name": group.name}, status=201, headers={"Location": f"/groups/{group.pk}"})

    def delete(self, request):
        for prefix in MADE_HERE:
            Group.objects.filter(name__startswith=prefix).delete()
        return Response(status=204)


class CatalogWriteView(ShopAPIView):
    """Needs catalog:write, to show refusals before the handler."""

    scope_resource = "catalog"

    def post(self, request):
        Group.objects.create(name=f"catalog-{uuid.uuid4().hex}")
        return Response({"ok": True}, status=201)


class LineInput(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1)


class OrderInput(serializers.Serializer):
    email = serializers.EmailField()
    lines = LineInput(many=True)


class ValidationView(ShopAPIView):
    anonymous_methods = ("POST",)

    def post(self, request):
        payload = OrderInput(data=request.data)
        payload.is_valid(raise_exception=True)
        return Response(payload.validated_data)


class CrashView(ShopAPIView):
    anonymous_methods = ("GET", "POST")

    def get(self, request):
        raise RuntimeError("boom")

    def post(self, request):
        raise RuntimeError("boom")


class LoggingView(ShopAPIView):
    anonymous_methods = ("GET",)

    def get(self, request):
        logger.warning("handling a logged request")
        return Response({"ok": True})


class PublicView(ShopAPIView):
    anonymous_methods = ("GET", "HEAD", "OPTIONS")
    public_cache = True

    def get(self, request):
        return Response({"hello": "world"})


class ApiKeyPageViewSet(mixins.ListModelMixin, ShopGenericViewSet):
    """Every API key, page-paginated (the default pagination class)."""

    anonymous_methods = ("GET",)
    serializer_class = ApiKeyOutput

    def get_queryset(self):
        return ApiKey.objects.order_by("pk")
