"""Everything under /api/v1/: each app contributes its own `api/urls.py`."""

from django.urls import include, path, re_path

from .errors import api_not_found

urlpatterns = [
    path("", include("shopplatform.store.api.urls")),
    path("", include("shopplatform.accounts.api.urls")),
    path("", include("catalog.api.urls")),
    path("", include("media_library.api.urls")),
    path("", include("wallet.api.urls")),
    path("", include("orders.api.urls")),
    path("", include("webhooks.api.urls")),
    re_path(r"^.*$", api_not_found),
]
