"""The site's URLs. Only this module (with settings and the entry points) wires the apps together: every app's
API under /api/v1/ and every app's pages at the root."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView, SpectacularSwaggerView

from catalog.digital.downloads import serve_download
from shopplatform.api.errors import api_not_found, problem_index, problem_page
from shopplatform.metrics import metrics_view
from shopplatform.storefront.health import healthz

openapi_view = cache_control(public=True, max_age=3600)(SpectacularJSONAPIView.as_view())

# Everything under /api/v1/: each app contributes its own `api/urls.py`; any other path there is a problem+json 404.
api_v1_patterns = [
    path("", include("shopplatform.store.api.urls")),
    path("", include("shopplatform.accounts.api.urls")),
    path("", include("shopplatform.privacy.api.urls")),
    path("", include("catalog.api.urls")),
    path("", include("media_library.api.urls")),
    path("", include("wallet.api.urls")),
    path("", include("orders.api.urls")),
    path("", include("webhooks.api.urls")),
    re_path(r"^.*$", api_not_found),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/openapi.json", openapi_view, name="openapi"),
    path("api/docs", SpectacularSwaggerView.as_view(url_name="openapi"), name="api-docs"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="openapi")),
    path("api/redoc", SpectacularRedocView.as_view(url_name="openapi"), name="api-redoc"),
    path("api/v1/", include(api_v1_patterns)),
    path("api/docs/webhooks/", include("webhooks.urls")),
    re_path(r"^api/.*$", api_not_found),
    path("problems/", problem_index, name="problem-index"),
    path("problems/<slug:code>", problem_page, name="problem-page"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),  # staff session or METRICS_TOKEN bearer, never public
    path("downloads/<str:token>", serve_download, name="catalog-download-file"),
    path("", include("catalog.feeds")),
    path("", include("catalog.passports.urls")),
    path("", include("shopplatform.privacy.urls")),
    # Store pages for buyers; the storefront's URLs include the home page "".
    path("", include("catalog.urls")),
    path("", include("orders.urls")),
    path("", include("wallet.urls")),
    path("", include("shopplatform.accounts.urls")),
    path("", include("shopplatform.storefront.urls")),
]

if settings.DEBUG and settings.STORAGE_BACKEND == "local":
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
