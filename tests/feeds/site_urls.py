"""The site's URLs plus the passport, feed and privacy pages (until shopplatform/urls.py includes them)."""

from django.urls import include, path

from shopplatform.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("", include("catalog.feeds")),
    path("", include("catalog.passports.urls")),
    path("", include("shopplatform.privacy.urls")),
    *site_urlpatterns,
]
