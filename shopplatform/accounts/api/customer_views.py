from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from shopplatform.api.viewsets import ShopGenericViewSet

from .. import services
from ..filters import CustomerFilter
from ..queries import customer_list
from ..representations import CustomerOutput
from .customer_serializers import CustomerInput


class CustomerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """The store's customers (merchant keys only)."""

    scope_resource = "customers"
    staff_only = True
    serializer_class = CustomerOutput
    filterset_class = CustomerFilter

    def get_queryset(self):
        return customer_list()

    def _render(self, customer, status_code=status.HTTP_200_OK) -> Response:
        return Response(CustomerOutput(customer_list().get(pk=customer.pk)).data, status=status_code)

    @extend_schema(request=CustomerInput, responses={201: CustomerOutput})
    def create(self, request):
        payload = CustomerInput(data=request.data)
        payload.is_valid(raise_exception=True)
        customer = services.create_customer(**payload.validated_data)
        return self._render(customer, status.HTTP_201_CREATED)

    @extend_schema(request=CustomerInput(partial=True), responses={200: CustomerOutput})
    def partial_update(self, request, id=None):
        customer = self.get_object()
        payload = CustomerInput(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        customer = services.update_customer(customer=customer, **payload.validated_data)
        return self._render(customer)

    @extend_schema(request=CustomerInput(partial=True), responses={200: CustomerOutput})
    def update(self, request, id=None):
        """PUT applies a partial update, like PATCH."""
        return self.partial_update(request, id=id)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.delete_customer(customer=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
