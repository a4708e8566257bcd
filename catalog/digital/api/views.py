"""Versions, downloads and free claims of digital products.

Who sees what: yanked versions are listed to nobody; beta versions only to the product's seller and staff.
The public sees products in a public status only (others answer 404); a seller also sees its own.
Scopes: reads `catalog:read` (or anonymous for the version list), uploads and yanks `catalog:write` by the
seller or staff, downloads `catalog:read` by an owner, the seller or staff, claims `shop:write`.
"""

from django.core.files.base import ContentFile
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from media_library.services import clean_file_name, decode_base64
from shopplatform.api.parsers import JSONParser
from shopplatform.api.scopes import is_staff_caller
from shopplatform.api.viewsets import ShopAPIView, ShopGenericViewSet

from ...exceptions import NotOwner, NotSellerOrStaff
from ...models import Product
from ...queries import viewer_for, visible_products
from ...viewsets import PRODUCT_ID, PUBLIC_READ, ProductScopedMixin, find_product
from .. import ownership
from .. import services as digital_services
from ..downloads import download_url
from ..models import Version
from ..queries import versions_of
from ..representations import OwnershipOutput, VersionOutput
from .serializers import VersionJsonInput, VersionMultipartInput, VersionUpdateInput


@extend_schema(parameters=[PRODUCT_ID])
class VersionViewSet(ProductScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """Versions of a digital product, newest first."""

    scope_resource = "catalog"
    anonymous_methods = PUBLIC_READ
    public_cache = True
    queryset = Version.objects.none()
    serializer_class = VersionOutput
    parser_classes = [JSONParser, MultiPartParser]

    def get_queryset(self):
        product = self.product()
        manager = self.manages(product)
        # Yanked versions stay reachable for their seller and staff by PATCH only, to restore them.
        return versions_of(product, with_beta=manager, with_yanked=manager and self.request.method not in SAFE_METHODS)

    def require_manager(self) -> Product:
        product = self.product()
        if not self.manages(product):
            raise NotSellerOrStaff("Only the product's seller or staff may manage its versions.", param="product_id")
        return product

    @extend_schema(
        request={"multipart/form-data": VersionMultipartInput, "application/json": VersionJsonInput},
        responses={201: VersionOutput},
        description="Upload a version (multipart `file`, or JSON with `file` base64-encoded). Seller or staff.",
    )
    def create(self, request, product_id=None):
        product = self.require_manager()
        if request.content_type.startswith("multipart/"):
            payload = VersionMultipartInput(data=request.data)
            payload.is_valid(raise_exception=True)
            upload = payload.validated_data["file"]
            filename = payload.validated_data["filename"] or upload.name
        else:
            payload = VersionJsonInput(data=request.data)
            payload.is_valid(raise_exception=True)
            upload = ContentFile(decode_base64(text=payload.validated_data["file"]))
            filename = payload.validated_data["filename"]
        version = digital_services.create_version(
            product=product,
            version_tag=payload.validated_data["version_tag"],
            channel=payload.validated_data["channel"],
            release_notes_html=payload.validated_data["release_notes_html"],
            file=upload,
            filename=clean_file_name(filename or ""),
        )
        return Response(VersionOutput(version).data, status=201)

    @extend_schema(
        request=VersionUpdateInput,
        responses={200: VersionOutput},
        description="Yank (`yanked: true`, hides it without deleting) or restore a version, change its channel "
        "or notes. Seller or staff.",
    )
    def partial_update(self, request, product_id=None, id=None):
        self.require_manager()
        payload = VersionUpdateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        version = digital_services.update_version(version=self.get_object(), **payload.validated_data)
        return Response(VersionOutput(version).data)

    @extend_schema(request=VersionUpdateInput, responses={200: VersionOutput}, description="Same as PATCH.")
    def update(self, request, product_id=None, id=None):
        return self.partial_update(request, product_id=product_id, id=id)


class DownloadView(ShopAPIView):
    """Redirect an owner, the seller or staff to the version's file through a link valid 60 seconds."""

    scope_resource = "catalog"

    @extend_schema(
        operation_id="products_download",
        parameters=[
            PRODUCT_ID,
            OpenApiParameter("version_id", str, OpenApiParameter.PATH, description="Version id (`ver_…`)."),
            OpenApiParameter(
                "Location",
                OpenApiTypes.URI,
                OpenApiParameter.HEADER,
                response=[302],
                description="The file's signed URL; valid 60 seconds, do not cache.",
            ),
        ],
        responses={302: OpenApiResponse(description="Found: fetch the file at `Location` within 60 seconds.")},
    )
    def get(self, request, product_id: str, version_id: str):
        product = find_product(Product.objects.select_related("seller"), product_id)
        manager = is_staff_caller(request) or ownership.is_seller(user=request.user, product=product)
        if not (manager or ownership.owns_product(user=request.user, product=product)):
            if not visible_products(viewer_for(request)).filter(pk=product.pk).exists():
                raise Http404(product_id)
            raise NotOwner("Buy this product (or claim it if it is free) to download it.", param="product_id")
        version = versions_of(product, with_beta=manager).filter(public_id=version_id).first()
        if version is None:
            raise Http404(version_id)
        digital_services.record_download(version=version)
        return Response(status=302, headers={"Location": download_url(version=version, request=request)})


class ClaimView(ProductScopedMixin, ShopAPIView):
    """Own a free product without an order (`shop:write`). Claiming again returns the first claim."""

    scope_resource = "shop"

    @extend_schema(
        operation_id="products_claim",
        parameters=[PRODUCT_ID],
        request=None,
        responses={
            201: OpenApiResponse(OwnershipOutput, description="Claimed."),
            200: OpenApiResponse(OwnershipOutput, description="Already claimed."),
        },
    )
    def post(self, request, product_id: str):
        claim, created = ownership.claim_free_product(user=request.user, product=self.product())
        return Response(OwnershipOutput(claim).data, status=201 if created else 200)
