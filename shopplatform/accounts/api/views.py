from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from shopplatform.api.pagination import CursorPagination
from shopplatform.api.scopes import InsufficientScope
from shopplatform.api.viewsets import SecretResponse, ShopGenericViewSet

from .. import services
from ..models import ApiKey
from .serializers import ApiKeyCreatedOutput, ApiKeyInput, ApiKeyOutput


class ApiKeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """API keys of the caller's own user. Reading them needs `keys:read`, making or revoking them `keys:write`;
    without those a key sees and may revoke only itself. A new key gets at most the calling key's scopes and rate
    limit."""

    scope_resource = "keys"
    # Checked per object below: every key may read and revoke itself.
    required_scopes = {"list": None, "retrieve": None, "destroy": None}
    serializer_class = ApiKeyOutput
    pagination_class = CursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation runs without a caller
            return ApiKey.objects.none()
        keys = ApiKey.objects.filter(user=self.request.user)
        if self.action == "list" and "keys:read" not in self.request.auth.scopes:
            return keys.filter(pk=self.request.auth.pk)
        return keys

    def get_object(self):
        api_key = super().get_object()
        needed = "keys:write" if self.action == "destroy" else "keys:read"
        if api_key.pk != self.request.auth.pk and needed not in self.request.auth.scopes:
            raise InsufficientScope(needed)
        return api_key

    @extend_schema(request=ApiKeyInput, responses={201: ApiKeyCreatedOutput})
    def create(self, request):
        payload = ApiKeyInput(data=request.data)
        payload.is_valid(raise_exception=True)
        api_key, secret = services.issue_api_key(user=request.user, issued_by=request.auth, **payload.validated_data)
        return SecretResponse({**ApiKeyOutput(api_key).data, "secret": secret}, status=201)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.revoke_api_key(api_key=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
