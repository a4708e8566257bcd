from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from shopplatform.api.pagination import CursorPagination
from shopplatform.api.viewsets import ShopGenericViewSet
from shopplatform.errors import PermissionDenied

from .. import services
from ..models import ApiKey
from .serializers import ApiKeyCreatedOutput, ApiKeyInput, ApiKeyOutput


class ApiKeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """API keys of the caller's own user. A key may only grant scopes its creator holds."""

    serializer_class = ApiKeyOutput
    pagination_class = CursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation runs without a caller
            return ApiKey.objects.none()
        return ApiKey.objects.filter(user=self.request.user)

    @extend_schema(request=ApiKeyInput, responses={201: ApiKeyCreatedOutput})
    def create(self, request):
        payload = ApiKeyInput(data=request.data)
        payload.is_valid(raise_exception=True)
        beyond = set(payload.validated_data["scopes"]) - set(request.auth.scopes)
        if beyond:
            raise PermissionDenied(f"Cannot grant scopes this key lacks: {', '.join(sorted(beyond))}.", param="scopes")
        api_key, secret = services.issue_api_key(user=request.user, **payload.validated_data)
        return Response({**ApiKeyOutput(api_key).data, "secret": secret}, status=201)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.revoke_api_key(api_key=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
