"""Orders endpoints: shipping methods and quotes, coupons, carts and checkout, orders, the Stripe webhook.

Scopes (see docs/orders.md): shipping quotes are public; shipping-method and coupon edits need a staff key with
`orders:write` (coupon reads `orders:read`). Carts and checkout need `shop:read`/`shop:write` and only ever touch
the caller's own carts. Orders: staff keys read with `orders:read` and edit with `orders:write`; customer keys read
their own orders with `shop:read`; another customer's order is 404.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from shopplatform.accounts.services import ensure_customer
from shopplatform.api.errors import flatten_errors
from shopplatform.api.pagination import CursorPagination
from shopplatform.api.scopes import is_staff_caller
from shopplatform.api.viewsets import PartialUpdateMixin, ShopAPIView, ShopGenericViewSet
from shopplatform.errors import NotFound, PayloadTooLarge, ShopError
from shopplatform.store.context_processors import current_store

from .. import queries, services, stripe_gateway
from ..filters import CouponFilter, OrderFilter
from ..models import Cart, CartLine, Coupon, Order, ShippingMethod
from ..payments import paypal
from ..representations import CartOutput, CouponOutput, OrderOutput, ShippingMethodOutput, serializer_context
from .serializers import (
    CartInput,
    CartLineInput,
    CartLineQuantityInput,
    CheckoutInput,
    CouponInput,
    OrderBulkItemInput,
    OrderBulkOutput,
    OrderUpdateInput,
    ShippingMethodInput,
    ShippingQuoteQuery,
    StripeWebhookOutput,
)

PUBLIC_READ = ("GET", "HEAD", "OPTIONS")
# One request example per way to pay at checkout (the OpenAPI document shows them beside the enum).
CHECKOUT_EXAMPLES = (
    ("wallet", "Pay from the customer's wallet at once"),
    ("card", "Card: answers with Stripe Checkout's `payment.checkout_url`"),
    ("paypal", "PayPal: answers with PayPal's approval page in `payment.checkout_url`"),
    ("bank_transfer", "Bank transfer: the order waits for the merchant to mark it paid"),
    ("multibanco", "Multibanco: `payment.data` holds the entity and the order's reference"),
    ("mbway", "MB WAY: `payment.data` holds the buyer's phone the payment is asked on"),
    ("custom", "The store's custom method: its fee is `payment_fee_cents`"),
    ("on_delivery", "Cash on delivery: the store's fee is `payment_fee_cents`"),
    ("pick_up", "Pay when collecting the order"),
)
MAX_BULK_ITEMS = 50


class OrderCursorPagination(CursorPagination):
    """CursorPagination whose cursor lookup drops the list's joins (`.only()` cannot defer a joined relation)."""

    def _anchor(self, queryset, param: str, value: str):
        return super()._anchor(queryset.select_related(None).prefetch_related(None), param, value)


class OrdersContextMixin:
    def get_serializer_context(self):
        # The store row is read once per request (carts price with it too).
        return {**super().get_serializer_context(), **serializer_context(store=current_store(self.request))}


class ShippingMethodViewSet(
    OrdersContextMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    PartialUpdateMixin,
    mixins.DestroyModelMixin,
    ShopGenericViewSet,
):
    """Shipping methods. With `country_code` (and optionally `weight`, `value`) the list is a quote."""

    query_parameters = ("country_code", "weight", "value")

    scope_resource = "orders"
    required_scopes = {"list": None, "retrieve": None}
    anonymous_methods = PUBLIC_READ
    public_cache = True
    serializer_class = ShippingMethodOutput

    @property
    def staff_only(self) -> bool:
        return self.request.method not in SAFE_METHODS

    def get_queryset(self):
        staff = getattr(self, "request", None) is not None and is_staff_caller(self.request)
        return queries.shipping_methods_for(include_inactive=staff)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        query = ShippingQuoteQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        if not params:
            return queryset
        self.quotes = services.quote_shipping_methods(
            methods=queryset,
            country_code=params.get("country_code"),
            weight_grams=params.get("weight"),
            value_cents=params.get("value"),
        )
        return queryset.filter(pk__in=self.quotes)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "quotes": getattr(self, "quotes", {})}

    @extend_schema(parameters=[ShippingQuoteQuery])
    def list(self, request, *args, **kwargs):
        """Shipping methods; `country_code` (ISO alpha-3, any case), `weight` (g) and `value` (cents) quote them."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ShippingMethodInput, responses={201: ShippingMethodOutput})
    def create(self, request):
        payload = ShippingMethodInput(data=request.data)
        payload.is_valid(raise_exception=True)
        method = services.create_shipping_method(**payload.validated_data)
        return Response(self.get_serializer(method).data, status=201)

    @extend_schema(request=ShippingMethodInput(partial=True), responses={200: ShippingMethodOutput})
    def update(self, request, *args, **kwargs):
        payload = ShippingMethodInput(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        method = services.update_shipping_method(method=self.get_object(), **payload.validated_data)
        return Response(self.get_serializer(method).data)

    @extend_schema(request=ShippingMethodInput(partial=True), responses={200: ShippingMethodOutput})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def perform_destroy(self, instance: ShippingMethod) -> None:
        services.delete_shipping_method(method=instance)


class CouponViewSet(
    OrdersContextMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    PartialUpdateMixin,
    mixins.DestroyModelMixin,
    ShopGenericViewSet,
):
    """Coupons (staff keys). `?code=` finds one by code in any letter case."""

    scope_resource = "orders"
    staff_only = True
    serializer_class = CouponOutput
    filterset_class = CouponFilter

    def get_queryset(self):
        return queries.coupons_with_targets()

    @extend_schema(request=CouponInput, responses={201: CouponOutput})
    def create(self, request):
        payload = CouponInput(data=request.data)
        payload.is_valid(raise_exception=True)
        coupon = services.create_coupon(**payload.validated_data)
        return Response(self.get_serializer(coupon).data, status=201)

    @extend_schema(request=CouponInput(partial=True), responses={200: CouponOutput})
    def update(self, request, *args, **kwargs):
        payload = CouponInput(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        coupon = services.update_coupon(coupon=self.get_object(), **payload.validated_data)
        return Response(self.get_serializer(coupon).data)

    @extend_schema(request=CouponInput(partial=True), responses={200: CouponOutput})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def perform_destroy(self, instance: Coupon) -> None:
        services.delete_coupon(coupon=instance)


class CartViewSet(OrdersContextMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """The caller's carts: lines, coupon, shipping method, addresses and computed totals; checkout."""

    scope_resource = "shop"
    serializer_class = CartOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Cart.objects.none()
        return queries.carts_of(customer=ensure_customer(user=self.request.user))

    def render(self, cart: Cart, *, status: int = 200) -> Response:
        """Answer with the cart as stored now, priced."""
        return self.render_fresh(self.get_queryset().get(pk=cart.pk), status=status)

    def render_fresh(self, cart: Cart, *, status: int = 200) -> Response:
        """Answer with a cart read in this request, its relations loaded."""
        return self.render_priced(services.price_cart(cart=cart, store=current_store(self.request)), status=status)

    def render_priced(self, priced: services.PricedCart, *, status: int = 200) -> Response:
        return Response(CartOutput(priced, context=self.get_serializer_context()).data, status)

    def retrieve(self, request, *args, **kwargs):
        return self.render_fresh(self.get_object())

    @extend_schema(request=CartInput, responses={201: CartOutput})
    def create(self, request):
        """Open a cart, optionally with lines and every other setting at once."""
        payload = CartInput(data=request.data)
        payload.is_valid(raise_exception=True)
        priced = services.create_priced_cart(
            customer=ensure_customer(user=request.user), store=current_store(request), **payload.validated_data
        )
        return self.render_priced(priced, status=201)

    @extend_schema(request=CartInput(partial=True), responses={200: CartOutput})
    def partial_update(self, request, *args, **kwargs):
        """Change the cart's settings; `lines`, when sent, replace every line."""
        payload = CartInput(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        cart = services.update_cart(cart=self.get_object(), **payload.validated_data)
        return self.render(cart)

    @extend_schema(request=CartInput(partial=True), responses={200: CartOutput})
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=CartLineInput, responses={201: CartOutput})
    @action(detail=True, methods=["post"], url_path="lines")
    def add_line(self, request, id=None):
        """Add a product (or variant); the same item again raises its quantity."""
        payload = CartLineInput(data=request.data)
        payload.is_valid(raise_exception=True)
        cart = self.get_object()
        services.add_cart_line(cart=cart, **payload.validated_data)
        return self.render(cart, status=201)

    @extend_schema(methods=["PATCH", "PUT"], request=CartLineQuantityInput, responses={200: CartOutput})
    @extend_schema(methods=["DELETE"], request=None, responses={200: CartOutput})
    @action(detail=True, methods=["patch", "put", "delete"], url_path=r"lines/(?P<line_id>[^/]+)")
    def line(self, request, id=None, line_id=None):
        """Set a line's quantity, or remove the line; answers with the whole cart."""
        cart = self.get_object()
        line = CartLine.objects.filter(cart=cart, public_id=line_id).select_related("cart").first()
        if line is None:
            raise NotFound(f"The cart has no line '{line_id}'.", param="line")
        if request.method == "DELETE":
            services.delete_cart_line(line=line)
        else:
            payload = CartLineQuantityInput(data=request.data)
            payload.is_valid(raise_exception=True)
            services.update_cart_line(line=line, **payload.validated_data)
        return self.render(cart)

    @extend_schema(
        request=CheckoutInput,
        responses={201: OrderOutput, 200: OrderOutput},
        examples=[
            OpenApiExample(method, summary=summary, value={"payment_method": method}, request_only=True)
            for method, summary in CHECKOUT_EXAMPLES
        ],
    )
    @action(detail=True, methods=["post"])
    def checkout(self, request, id=None):
        """Place the order: 201 with the new order; a repeat returns the same order with 200.

        `wallet` pays at once; `card` and `paypal` answer with `payment.checkout_url` (Stripe Checkout, PayPal's
        approval page) and the order waits for payment; the manual methods (`bank_transfer`, `on_delivery`,
        `pick_up`, `multibanco`, `mbway`, `custom`) need the method enabled in the store, and the order waits until
        the merchant marks it paid. `payment.data` holds a `multibanco` order's `entity` and `reference` and an
        `mbway` order's `phone` (a Portuguese mobile from the addresses or the customer; 409 without one). A
        method the store does not offer is refused with 409 `payment_method_unavailable`.
        """
        payload = CheckoutInput(data=request.data)
        payload.is_valid(raise_exception=True)
        placed = services.place_customer_order(  # the caller's own cart only: found, owned and locked in one read
            customer_id=ensure_customer(user=request.user).pk, cart_id=id, **payload.validated_data
        )
        status = 201 if placed.created else 200
        if placed.payload is not None:  # the order.created event's rendering, read back in the same transaction
            return Response(placed.payload, status=status)
        order = queries.orders_with_lines().get(pk=placed.order.pk)
        return Response(OrderOutput(order, context=self.get_serializer_context()).data, status=status)


class OrderViewSet(
    OrdersContextMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    ShopGenericViewSet,
):
    """Orders, newest first. Staff keys see and edit all; customer keys read their own."""

    scope_resource = "orders"
    serializer_class = OrderOutput
    pagination_class = OrderCursorPagination
    filterset_class = OrderFilter

    @property
    def required_scopes(self) -> dict:
        request = getattr(self, "request", None)
        if request is None or is_staff_caller(request) or request.method not in SAFE_METHODS:
            return {}
        return {"list": "shop:read", "retrieve": "shop:read"}

    @property
    def staff_only(self) -> bool:
        return self.request.method not in SAFE_METHODS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        if is_staff_caller(self.request):
            return queries.orders_visible_to(customer=None)
        return queries.orders_visible_to(customer=ensure_customer(user=self.request.user))

    @extend_schema(request=OrderUpdateInput, responses={200: OrderOutput})
    def partial_update(self, request, *args, **kwargs):
        """Change status (code or alias), payment, tracking, invoice and notes; illegal moves → 409."""
        payload = OrderUpdateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        order = services.update_order(order=self.get_object(), changed_by=request.user, **payload.validated_data)
        return Response(self.get_serializer(queries.orders_with_lines().get(pk=order.pk)).data)

    @extend_schema(request=OrderUpdateInput, responses={200: OrderOutput})
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def perform_destroy(self, instance: Order) -> None:
        services.delete_order(order=instance)

    @extend_schema(
        request=OrderBulkItemInput(many=True),
        responses={200: OrderBulkOutput, 413: OpenApiResponse(description="More than 50 items.")},
    )
    @action(detail=False, methods=["patch", "put"], url_path="bulk")
    def bulk(self, request):
        """Update up to 50 orders; each item answers `{id, status, code, message, error}`."""
        if not isinstance(request.data, list):
            raise ValidationError({"items": ["Send a JSON array of order updates."]})
        if len(request.data) > MAX_BULK_ITEMS:
            raise PayloadTooLarge(f"At most {MAX_BULK_ITEMS} orders per request.", param="items")
        results = [self._bulk_item(item, user=request.user) for item in request.data]
        return Response({"data": results})

    def _bulk_item(self, item, *, user) -> dict:
        reference = str(item.get("id", "")) if isinstance(item, dict) else ""
        payload = OrderBulkItemInput(data=item if isinstance(item, dict) else {})
        if not payload.is_valid():
            first = flatten_errors(payload.errors)[0]  # nested fields (tags.0) flatten like any API error
            return _bulk_result(reference, None, 400, f"{first['field']}: {first['message']}", "validation_error")
        data = dict(payload.validated_data)
        order = queries.orders_visible_to(customer=None).filter(public_id=data.pop("id")).first()
        if order is None:
            return _bulk_result(reference, None, 404, "Not found", "not_found")
        try:
            order = services.update_order(order=order, changed_by=user, **data)
        except ShopError as exc:
            order.refresh_from_db()
            return _bulk_result(reference, order.status, exc.status, exc.detail, exc.code)
        return _bulk_result(reference, order.status, 200, "OK", None)


def _bulk_result(reference: str, status: str | None, code: int, message: str, error: str | None) -> dict:
    return {"id": reference, "status": status, "code": code, "message": message, "error": error}


class StripeWebhookView(ShopAPIView):
    """Stripe's webhook: signed with STRIPE_WEBHOOK_SECRET, idempotent on the Stripe event id."""

    anonymous_methods = ("POST",)
    authentication_classes = ()
    throttle_classes = ()

    @extend_schema(
        operation_id="stripe_webhook",
        request={"application/json": {"type": "object"}},
        parameters=[OpenApiParameter("Stripe-Signature", str, OpenApiParameter.HEADER, required=True)],
        responses={200: StripeWebhookOutput},
    )
    def post(self, request):
        """Handle checkout.session.completed, async_payment_succeeded, async_payment_failed and expired."""
        event = stripe_gateway.verify_webhook(payload=request.body, signature=request.headers.get("Stripe-Signature"))
        processed = services.handle_stripe_event(event=event)
        return Response({"received": True, "duplicate": not processed})


class PayPalWebhookView(ShopAPIView):
    """PayPal's webhook: verified by PayPal's verify-webhook-signature API, idempotent on the PayPal event id."""

    anonymous_methods = ("POST",)
    authentication_classes = ()
    throttle_classes = ()

    @extend_schema(
        operation_id="paypal_webhook",
        request={"application/json": {"type": "object"}},
        parameters=[
            OpenApiParameter(header, str, OpenApiParameter.HEADER, required=True)
            for header in paypal.SIGNATURE_HEADERS.values()
        ],
        responses={200: StripeWebhookOutput},
    )
    def post(self, request):
        """Handle CHECKOUT.ORDER.APPROVED (captures), PAYMENT.CAPTURE.COMPLETED and PAYMENT.CAPTURE.DENIED."""
        event = paypal.verify_webhook(payload=request.body, headers=request.headers)
        processed = services.handle_paypal_event(event=event)
        return Response({"received": True, "duplicate": not processed})
