from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from shopplatform.api.parsers import JSONParser
from shopplatform.api.viewsets import ShopGenericViewSet

from .. import queries, services, uploads
from ..filters import MediaFilter
from ..representations import MediaOutput
from .serializers import MediaJsonInput, MediaMultipartInput


class MediaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """The media library: merchant (staff) keys only, scopes media:read and media:write."""

    query_parameters = ("checksum",)

    scope_resource = "media"
    staff_only = True
    serializer_class = MediaOutput
    parser_classes = [JSONParser, MultiPartParser]
    filterset_class = MediaFilter

    def get_queryset(self):
        return queries.media_list()

    @extend_schema(
        request={"application/json": MediaJsonInput, "multipart/form-data": MediaMultipartInput},
        responses={
            202: OpenApiResponse(MediaOutput, description="Accepted; processing runs in the background."),
            200: OpenApiResponse(MediaOutput, description="The same bytes are already in the library."),
        },
    )
    def create(self, request):
        if request.content_type.startswith("multipart/"):
            payload = MediaMultipartInput(data=request.data)
            payload.is_valid(raise_exception=True)
            upload = payload.validated_data["file"]
            uploads.check_upload_size(size_bytes=upload.size)
            media, created = services.add_media_bytes(
                data=upload.read(), name=payload.validated_data["name"] or upload.name
            )
        else:
            payload = MediaJsonInput(data=request.data)
            payload.is_valid(raise_exception=True)
            if "url" in payload.validated_data:
                media, created = services.add_media_url(url=payload.validated_data["url"]), True
            else:
                data = services.decode_base64(text=payload.validated_data["file"])
                media, created = services.add_media_bytes(data=data, name=payload.validated_data["name"])
        return Response(MediaOutput(media).data, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.delete_media(media=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="media_destroy_by_checksum",
        parameters=[OpenApiParameter("checksum", str, required=True, description="MD5 of the bytes to delete.")],
        responses={204: None},
    )
    def destroy_by_checksum(self, request):
        services.delete_media_by_checksum(checksum=request.query_params.get("checksum", ""))
        return Response(status=status.HTTP_204_NO_CONTENT)
