from django.urls import re_path

from .views import ProductPassportViewSet

urlpatterns = [
    re_path(
        r"^products/(?P<product_id>[^/]+)/passport/?$",
        ProductPassportViewSet.as_view({"get": "retrieve", "put": "update", "patch": "partial_update"}),
        name="product-passport",
    ),
]
