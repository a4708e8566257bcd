from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .views import AdjustmentView, BalanceView, TransactionViewSet, TransferViewSet

router = ShopRouter()
router.register("wallet/transactions", TransactionViewSet, basename="wallet-transaction")
router.register("wallet/transfers", TransferViewSet, basename="wallet-transfer")

urlpatterns = [
    re_path(r"^wallet/balance/?$", BalanceView.as_view(), name="wallet-balance"),
    re_path(r"^wallet/adjustments/?$", AdjustmentView.as_view(), name="wallet-adjustments"),
    *router.urls,
]
