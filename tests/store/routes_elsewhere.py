"""A URL configuration for tests/store/test_routes.py: the sign-in page at another address, and an application
namespace deployed twice (which instance a link names depends on the current namespace)."""

from django.http import HttpResponse
from django.urls import include, path


def view(request):
    return HttpResponse()


shop = ([path("sign-in", view, name="login")], "shop")

urlpatterns = [
    path("elsewhere/sign-in", view, name="login"),
    path("first/", include(shop, namespace="first")),
    path("second/", include(shop, namespace="second")),  # the last deployed: the default instance
]
