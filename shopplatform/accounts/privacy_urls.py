"""Pages of privacy-request e-mails; included at the site root (`/privacy/...`)."""

from django.urls import path

from . import privacy_pages

app_name = "privacy"
urlpatterns = [
    path("privacy/confirm/<str:token>", privacy_pages.confirm_request, name="confirm"),
    path("privacy/exports/<str:token>", privacy_pages.download_export, name="export"),
]
