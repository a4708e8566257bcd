"""GET /products/{id}/passport (public for visible products) and PUT/PATCH (staff, catalog:write).

`?serial=` picks the passport of one unit; reading a unit without its own passport returns the product's.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from shopplatform.errors import InvalidInput

from ...viewsets import ProductChildViewSet
from .. import services as passports
from ..models import ProductPassport
from .serializers import PassportInput, PassportOutput

SERIAL_PARAMETER = OpenApiParameter(
    "serial", str, description="Serial number of one unit (GS1 AI 21); omit for the product's passport."
)
PRODUCT_PARAMETER = OpenApiParameter("product_id", str, OpenApiParameter.PATH, description="Product id or slug.")
MAX_SERIAL_LENGTH = 100


@extend_schema(parameters=[PRODUCT_PARAMETER, SERIAL_PARAMETER])
class ProductPassportViewSet(ProductChildViewSet):
    """The product's Digital Product Passport: materials, origin, manufacturer, certifications, care, repair,
    recycling and carbon footprint."""

    query_parameters = ("serial",)

    queryset = ProductPassport.objects.none()
    serializer_class = PassportOutput

    def serial_number(self) -> str:
        serial = self.request.query_params.get("serial", "").strip()
        if len(serial) > MAX_SERIAL_LENGTH:
            raise InvalidInput(f"`serial` has at most {MAX_SERIAL_LENGTH} characters.", param="serial")
        return serial

    @extend_schema(responses={200: PassportOutput})
    def retrieve(self, request, product_id=None):
        passport = passports.passport_for(product=self.product(), serial_number=self.serial_number())
        return self.render(passport)

    @extend_schema(request=PassportInput, responses={200: PassportOutput}, description="Create or partially update.")
    def update(self, request, product_id=None):
        fields = self.validated(PassportInput)
        passport = passports.save_passport(product=self.product(), serial_number=self.serial_number(), **fields)
        return self.render(passport)

    @extend_schema(request=PassportInput, responses={200: PassportOutput}, description="Create or partially update.")
    def partial_update(self, request, product_id=None):
        return self.update(request, product_id=product_id)
