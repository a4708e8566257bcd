"""Privacy (DSAR) requests: anyone may file one and follow its status by id; the e-mailed link confirms it."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.response import Response

from shopplatform.api.viewsets import ShopGenericViewSet

from .. import services
from ..models import PrivacyRequest
from ..representations import PrivacyRequestOutput
from .serializers import PrivacyRequestInput


class PrivacyRequestViewSet(mixins.RetrieveModelMixin, ShopGenericViewSet):
    """Export or erase the data held about an e-mail address. Keys need `privacy:write`."""

    queryset = PrivacyRequest.objects.all()
    serializer_class = PrivacyRequestOutput
    scope_resource = "privacy"
    required_scopes = {"create": "privacy:write", "retrieve": "privacy:write"}
    anonymous_methods = ("GET", "HEAD", "OPTIONS", "POST")

    @extend_schema(
        request=PrivacyRequestInput,
        responses={202: PrivacyRequestOutput},
        description="File a request; 202 with status `awaiting_confirmation` until the link e-mailed to the "
        "address is followed. A pending request for the same address and kind is returned again.",
    )
    def create(self, request):
        payload = PrivacyRequestInput(data=request.data)
        payload.is_valid(raise_exception=True)
        privacy_request = services.file_privacy_request(**payload.validated_data)
        return Response(PrivacyRequestOutput(privacy_request).data, status=202)
