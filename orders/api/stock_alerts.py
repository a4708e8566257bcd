"""POST /products/{id}/stock-alerts: a back-in-stock alert for a sold-out product or variant.

Open to anonymous callers (rate-limited per address like every anonymous call); a customer key may leave out
`email`, which then is the customer's. 201 with a new alert, 200 with the address's alert already waiting for
the item; 409 `product_in_stock` when the item can be ordered now.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from catalog.models import Variant
from catalog.queries import viewer_for, visible_products
from shopplatform.accounts.services import ensure_customer
from shopplatform.api.scopes import is_staff_caller
from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput
from shopplatform.api.viewsets import ShopAPIView
from shopplatform.errors import InvalidInput, NotFound

from ..back_in_stock import subscribe_to_stock
from ..models import StockAlert


class StockAlertInput(StrictInput):
    email = serializers.EmailField(max_length=254, required=False)
    variant_id = serializers.CharField(max_length=40, required=False, allow_null=True)


class StockAlertOutput(Serializer):
    id = serializers.CharField(source="public_id")
    email = serializers.EmailField()
    product_id = serializers.CharField(source="product.public_id")
    variant_id = serializers.CharField(source="variant.public_id", allow_null=True, default=None)
    created_at = serializers.DateTimeField()


class ProductStockAlertView(ShopAPIView):
    """Back-in-stock alerts of one product."""

    scope_resource = "shop"
    anonymous_methods = ("POST",)
    serializer_class = StockAlertOutput

    @extend_schema(
        operation_id="products_stock_alerts_create",
        request=StockAlertInput,
        responses={201: StockAlertOutput, 200: StockAlertOutput},
        examples=[
            OpenApiExample(
                "variant",
                summary="E-mail me once when this size is back",
                value={"email": "ana@example.com", "variant_id": "var_4fQp2b8Xk1LmN0oPqRs3Tu"},
                request_only=True,
            ),
            OpenApiExample(
                "created",
                value={
                    "id": "alrt_7cM1xQ9ZpL2kV4bN6sT8wY",
                    "email": "ana@example.com",
                    "product_id": "prod_3Vhpfm5q7lNbNp4ohQXQlu",
                    "variant_id": "var_4fQp2b8Xk1LmN0oPqRs3Tu",
                    "created_at": "2026-12-01T20:00:00Z",
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request, product_id: str):
        """Ask for one e-mail when the sold-out product (or `variant_id`) can be ordered again."""
        payload = StockAlertInput(data=request.data)
        payload.is_valid(raise_exception=True)
        product = visible_products(viewer_for(request)).filter(public_id=product_id).first()
        if product is None:
            raise NotFound(f"No product {product_id}.")
        variant = None
        if payload.validated_data.get("variant_id"):
            variant = Variant.objects.filter(product=product, public_id=payload.validated_data["variant_id"]).first()
            if variant is None:
                raise InvalidInput(
                    f"{payload.validated_data['variant_id']} is not a variant of {product_id}.", param="variant_id"
                )
        customer = None if request.auth is None or is_staff_caller(request) else ensure_customer(user=request.user)
        email = payload.validated_data.get("email") or (customer.email if customer is not None else "")
        if not email:
            raise InvalidInput("`email` is required.", param="email")
        alert, created = subscribe_to_stock(product=product, variant=variant, email=email, customer=customer)
        alert = StockAlert.objects.select_related("product", "variant").get(pk=alert.pk)
        return Response(StockAlertOutput(alert).data, status=201 if created else 200)
