"""A URL configuration for tests/store/test_routes.py: the sign-in page at another address."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("elsewhere/sign-in", lambda request: HttpResponse(), name="login")]
