"""The project's URLs plus a bare Django JSON view: the ceiling the API is compared against."""

from django.http import JsonResponse
from django.urls import include, path


def bare(request):
    return JsonResponse({"data": [{"id": "prod_x", "title": "bare"}], "has_more": False})


urlpatterns = [
    path("bench/bare", bare),
    path("", include("shopplatform.urls")),
]
