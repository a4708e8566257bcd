"""Base classes every API view inherits, so each endpoint gets the conventions of SPEC §3.

Set on a view: `scope_resource` ("catalog" → catalog:read / catalog:write), `anonymous_methods` (methods open
to callers without a key), `staff_only`, `public_cache` (anonymous GETs are publicly cacheable, with CORS).
"""

from django.db.models import Q
from django.http import Http404
from rest_framework import mixins, viewsets
from rest_framework.views import APIView


class ShopAPIMixin:
    scope_resource: str | None = None
    anonymous_methods: tuple[str, ...] = ()
    staff_only = False
    public_cache = False


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
    """PUT and PATCH both apply partial updates (seeds 002 and 003 send only the fields to change)."""

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)
