from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from shopplatform.api.pagination import CursorPagination
from shopplatform.api.viewsets import SecretResponse, ShopGenericViewSet

from .. import queries, services
from ..filters import DeliveryFilter, EndpointFilter, EventFilter
from .serializers import (
    DeliveryDetailOutput,
    DeliveryOutput,
    EventOutput,
    WebhookEndpointInput,
    WebhookEndpointOutput,
    WebhookEndpointSecretOutput,
)


class WebhookEndpointViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """URLs the store POSTs signed events to. The secret is shown at creation and rotation only."""

    scope_resource = "webhooks"
    staff_only = True
    serializer_class = WebhookEndpointOutput
    filterset_class = EndpointFilter

    def get_queryset(self):
        return queries.endpoint_list()

    @extend_schema(request=WebhookEndpointInput, responses={201: WebhookEndpointSecretOutput})
    def create(self, request):
        payload = WebhookEndpointInput(data=request.data)
        payload.is_valid(raise_exception=True)
        endpoint = services.create_endpoint(owner=request.user, **payload.validated_data)
        return SecretResponse(WebhookEndpointSecretOutput(endpoint).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WebhookEndpointInput, responses={200: WebhookEndpointOutput})
    def update(self, request, id=None):
        payload = WebhookEndpointInput(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        endpoint = services.update_endpoint(endpoint=self.get_object(), **payload.validated_data)
        return Response(WebhookEndpointOutput(endpoint).data)

    partial_update = update

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.delete_endpoint(endpoint=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: DeliveryDetailOutput})
    @action(detail=True, methods=["post"])
    def test(self, request, id=None):
        """Send a `ping` event to this endpoint now and answer with the delivery and its attempt."""
        delivery = services.send_test_event(endpoint=self.get_object())
        return Response(DeliveryDetailOutput(queries.delivery_detail().get(pk=delivery.pk)).data)

    @extend_schema(request=None, responses={200: WebhookEndpointSecretOutput})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, id=None):
        """Replace the secret; deliveries are signed with the old one too for 24 hours."""
        endpoint = services.rotate_endpoint_secret(endpoint=self.get_object())
        return SecretResponse(WebhookEndpointSecretOutput(endpoint).data)


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """The delivery log: one row per event and endpoint, with every attempt in the detail."""

    scope_resource = "webhooks"
    staff_only = True
    required_scopes = {"redeliver": "webhooks:write"}
    pagination_class = CursorPagination
    filterset_class = DeliveryFilter

    def get_queryset(self):
        return queries.delivery_detail() if self.action == "retrieve" else queries.delivery_list()

    def get_serializer_class(self):
        return DeliveryDetailOutput if self.action == "retrieve" else DeliveryOutput

    @extend_schema(request=None, responses={202: DeliveryOutput})
    @action(detail=True, methods=["post"])
    def redeliver(self, request, id=None):
        """Queue the delivery again with a fresh retry schedule."""
        delivery = services.redeliver(delivery=self.get_object())
        return Response(DeliveryOutput(delivery).data, status=status.HTTP_202_ACCEPTED)


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """The event outbox, newest first: the last 30 days (WEBHOOK_EVENT_RETENTION_DAYS), and older events whose
    deliveries are not all settled yet."""

    scope_resource = "webhooks"
    staff_only = True
    serializer_class = EventOutput
    pagination_class = CursorPagination
    filterset_class = EventFilter

    def get_queryset(self):
        return queries.event_list()
