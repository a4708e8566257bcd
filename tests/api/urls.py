"""The product's URLs plus the test-only endpoints of tests.api.views under /api/v1/test/."""

from django.urls import path

from shopplatform.urls import urlpatterns as product_urlpatterns

from . import views

urlpatterns = [
    path("api/v1/test/groups", views.GroupView.as_view()),
    path("api/v1/test/catalog-writes", views.CatalogWriteView.as_view()),
    path("api/v1/test/validation", views.ValidationView.as_view()),
    path("api/v1/test/crash", views.CrashView.as_view()),
    path("api/v1/test/logged", views.LoggingView.as_view()),
    path("api/v1/test/public", views.PublicView.as_view()),
    path("api/v1/test/api-keys", views.ApiKeyPageViewSet.as_view({"get": "list"})),
    *product_urlpatterns,
]
