from django.urls import path

from . import views

app_name = "wallet"

urlpatterns = [
    path("account/wallet/", views.wallet_detail, name="wallet"),
]
