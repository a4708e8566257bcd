"""Base API views shared by the catalog's API packages (core, digital, passports, reviews).

They live outside `api/` because each sub-domain has its own `api/` package and none may import another's (only
URL wiring includes them). `CatalogViewSet` answers reads to anonymous callers and writes to staff only;
`ProductChildViewSet` and `ProductScopedMixin` resolve the `{product_id}` (id or slug) of nested routes.
"""

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from shopplatform.api.scopes import StaffOnly, is_staff_caller
from shopplatform.api.viewsets import ShopGenericViewSet

from .models import Product
from .queries import is_seller, viewer_for, visible_products
from .representations.context import product_context

PUBLIC_READ = ("GET", "HEAD", "OPTIONS")
PRODUCT_ID = OpenApiParameter("product_id", str, OpenApiParameter.PATH, description="Product id or slug.")


def find_product(products, ref: str) -> Product:
    """The product among `products` whose id or slug is `ref` (an id wins over a slug); raise Http404."""
    matches = list(products.filter(Q(public_id=ref) | Q(slug=ref))[:2])
    product = next((p for p in matches if p.public_id == ref), matches[0] if matches else None)
    if product is None:
        raise Http404(ref)
    return product


class CatalogViewSet(ShopGenericViewSet):
    scope_resource = "catalog"
    anonymous_methods = PUBLIC_READ
    public_cache = True

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        self.viewer = viewer_for(request)
        if request.method not in SAFE_METHODS and not is_staff_caller(request):
            raise StaffOnly()

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), **product_context(self.viewer, self.request)}

    def render(self, instance, *, status: int = 200) -> Response:
        return Response(self.get_serializer(instance).data, status=status)

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        payload = serializer_class(data=self.request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        return dict(payload.validated_data)


class ProductChildViewSet(CatalogViewSet):
    """Rows under /products/{product_id}/…; the product must be visible to the caller."""

    def product(self):
        if not hasattr(self, "_product"):  # find_product raises Http404 uncached: every later call raises too
            self._product = find_product(visible_products(self.viewer), self.kwargs["product_id"])
        return self._product


class ProductScopedMixin:
    """Views under /products/{product_id}/…; the product must be visible to the caller or sold by them."""

    def candidate_products(self):
        viewer = viewer_for(self.request)
        products = visible_products(viewer)
        if self.request.auth is not None and not viewer.is_staff:
            products = products | Product.objects.filter(seller__user=self.request.user)
        return products.select_related("seller")

    def product(self) -> Product:
        if not hasattr(self, "_product"):
            self._product = find_product(self.candidate_products(), self.kwargs["product_id"])
        return self._product

    def manages(self, product: Product) -> bool:
        return is_staff_caller(self.request) or is_seller(user=self.request.user, product=product)
