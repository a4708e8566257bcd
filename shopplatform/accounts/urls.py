"""Account pages (the account home and orders pages are the storefront's, the privacy page the privacy app's).
Sign-in, sign-out and password reset are Django's auth views under their standard URL names
(password_reset_done, password_reset_confirm, ...), which those views and the reset e-mail look up."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import SignInForm

urlpatterns = [
    path("account/signup/", views.sign_up, name="signup"),
    path("account/verify/<str:uidb64>/<str:token>/", views.verify_email, name="verify-email"),
    path("account/login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(next_page="store:home"), name="logout"),
    path("account/addresses/", views.addresses, name="account-addresses"),
    path("account/addresses/<int:address_id>/", views.address_edit, name="account-address-edit"),
    path("account/addresses/<int:address_id>/delete", views.address_delete, name="account-address-delete"),
    path("account/addresses/<int:address_id>/default", views.address_default, name="account-address-default"),
    path("account/api-keys/", views.api_keys, name="account-api-keys"),
    path("account/api-keys/<str:key_id>/revoke", views.revoke_key, name="account-api-key-revoke"),
    path("account/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("account/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "account/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("newsletter/", views.newsletter, name="newsletter"),
]
