"""GS1 Digital Link routes of the passport pages, included at the site root by shopplatform.urls."""

from django.urls import path

from .views import passport_page

urlpatterns = [
    path("01/<str:gtin>", passport_page, name="passport"),
    path("01/<str:gtin>/21/<path:serial>", passport_page, name="passport-serial"),
]
