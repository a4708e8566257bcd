"""Privacy pages, included at the site root: the account page (`account-privacy`, named like the other account
pages) and the pages behind the links of privacy-request e-mails (`privacy:confirm`, `privacy:export`)."""

from django.urls import include, path

from . import views

email_link_patterns = [
    path("privacy/confirm/<str:token>", views.confirm_request, name="confirm"),
    path("privacy/exports/<str:token>", views.download_export, name="export"),
]

urlpatterns = [
    path("account/privacy/", views.account_privacy, name="account-privacy"),
    path("", include((email_link_patterns, "privacy"))),
]
