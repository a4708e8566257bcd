"""Wallet endpoints: balance, ledger, transfers (scope wallet:*) and staff adjustments.

A customer key works on its own customer's wallet; a staff key may read another customer's wallet with
`?customer=cus_…` and sees every transfer.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.response import Response

from shopplatform.accounts.services import ensure_customer
from shopplatform.api.pagination import CursorPagination
from shopplatform.api.scopes import is_staff_caller
from shopplatform.api.viewsets import ShopAPIView, ShopGenericViewSet
from shopplatform.errors import PermissionDenied

from .. import queries, services
from ..exceptions import WalletNotFound
from ..models import LedgerEntry, Transfer
from ..representations import BalanceOutput, LedgerEntryOutput, TransferOutput
from .serializers import AdjustmentInput, TransferInput

CUSTOMER_PARAMETER = OpenApiParameter(
    "customer", str, description="Staff keys: `cus_` id or e-mail of the customer whose wallet to read."
)


def customer_of_request(request):
    """The customer whose wallet the request reads: `?customer=` for staff keys, else the key owner's own."""
    own = ensure_customer(user=request.user)
    reference = request.query_params.get("customer")
    if not reference or reference in (own.public_id, own.email):
        return own
    if not is_staff_caller(request):
        raise PermissionDenied("Only staff keys may read another customer's wallet.", param="customer")
    return services.find_customer(reference=reference, not_found=WalletNotFound)


class BalanceView(ShopAPIView):
    query_parameters = ("customer",)
    scope_resource = "wallet"

    @extend_schema(operation_id="wallet_balance", parameters=[CUSTOMER_PARAMETER], responses={200: BalanceOutput})
    def get(self, request):
        """The wallet's balance and the amount available (balance minus funds held by open checkouts)."""
        wallet = services.wallet_for_customer(customer=customer_of_request(request))
        return Response(BalanceOutput(wallet).data)


class AdjustmentView(ShopAPIView):
    scope_resource = "wallet"
    staff_only = True

    @extend_schema(operation_id="wallet_adjustment_create", request=AdjustmentInput, responses={201: LedgerEntryOutput})
    def post(self, request):
        """Credit or debit a customer's wallet with a reason; writes one ledger entry signed by the caller."""
        payload = AdjustmentInput(data=request.data)
        payload.is_valid(raise_exception=True)
        customer = services.find_customer(reference=payload.validated_data["customer"])
        entry = services.adjust_balance(
            customer=customer,
            amount_cents=payload.validated_data["amount_cents"],
            reason=payload.validated_data["reason"],
            created_by=request.user,
        )
        return Response(LedgerEntryOutput(entry).data, status=201)


class TransactionViewSet(mixins.ListModelMixin, ShopGenericViewSet):
    """Ledger entries of the wallet, newest first."""

    query_parameters = ("customer",)

    scope_resource = "wallet"
    serializer_class = LedgerEntryOutput
    pagination_class = CursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LedgerEntry.objects.none()
        wallet = services.wallet_for_customer(customer=customer_of_request(self.request))
        return queries.entries_of_wallet(wallet=wallet)

    @extend_schema(parameters=[CUSTOMER_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class TransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """Transfers the caller's customer sent or received (every transfer for staff keys)."""

    query_parameters = ("customer",)

    scope_resource = "wallet"
    serializer_class = TransferOutput
    pagination_class = CursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Transfer.objects.none()
        # Staff keys see every transfer, unless they narrow the list to one customer with `?customer=`.
        narrowed = self.action == "list" and self.request.query_params.get("customer")
        if is_staff_caller(self.request) and not narrowed:
            return queries.transfers_visible_to(customer=None)
        return queries.transfers_visible_to(customer=customer_of_request(self.request))

    @extend_schema(parameters=[CUSTOMER_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=TransferInput, responses={201: TransferOutput})
    def create(self, request):
        """Send money to another customer (by `cus_` id or e-mail). Completes at once: `status` is `succeeded`."""
        sender = ensure_customer(user=request.user)
        wallet = services.wallet_for_customer(customer=sender)
        payload = TransferInput(data=request.data, context={"wallet_currency": wallet.currency})
        payload.is_valid(raise_exception=True)
        transfer = services.transfer_funds(sender=sender, created_by=request.user, **payload.validated_data)
        return Response(TransferOutput(transfer).data, status=201)
