from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView, SpectacularSwaggerView

from catalog.downloads import serve_download
from shopplatform.api.errors import api_not_found, problem_index, problem_page
from shopplatform.store import views as store_views

openapi_view = cache_control(public=True, max_age=3600)(SpectacularJSONAPIView.as_view())

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/openapi.json", openapi_view, name="openapi"),
    path("api/docs", SpectacularSwaggerView.as_view(url_name="openapi"), name="api-docs"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="openapi")),
    path("api/redoc", SpectacularRedocView.as_view(url_name="openapi"), name="api-redoc"),
    path("api/v1/", include("shopplatform.api.urls")),
    path("api/docs/webhooks/", include("webhooks.urls")),
    re_path(r"^api/.*$", api_not_found),
    path("problems/", problem_index, name="problem-index"),
    path("problems/<slug:code>", problem_page, name="problem-page"),
    path("healthz", store_views.healthz, name="healthz"),
    path("downloads/<str:token>", serve_download, name="catalog-download-file"),
    path("", include("catalog.feeds")),
    path("", include("catalog.passport_pages")),
    path("", include("shopplatform.accounts.privacy_urls")),
    # Store pages for buyers (SPEC §7); the store's own URLs include the home page "".
    path("", include("catalog.urls")),
    path("", include("orders.urls")),
    path("", include("wallet.urls")),
    path("", include("shopplatform.accounts.urls")),
    path("", include("shopplatform.store.urls")),
]

if settings.DEBUG and settings.STORAGE_BACKEND == "local":
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
