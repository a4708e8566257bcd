"""Catalog endpoints: products (with option groups and variants), categories, brands and search.

Reads are open to anonymous callers (publicly cacheable) and show only publicly visible rows; staff keys see
everything; writes need `catalog:write` on a staff key.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.response import Response

from shopplatform.api.pagination import parse_bounded_int
from shopplatform.api.viewsets import ShopAPIView
from shopplatform.errors import InvalidInput

from .. import services
from ..documents import read as documents
from ..filters import BrandFilter, CategoryFilter, ProductFilter, filter_products
from ..models import Brand, Category, OptionGroup, Product, Variant
from ..queries import (
    brands_for,
    categories_for,
    category_tree,
    option_groups_of,
    products_for,
    variants_with_options,
    viewer_for,
    visible_products,
)
from ..representations.context import product_context
from ..representations.products import OptionGroupOutput, ProductOutput, VariantOutput
from ..representations.taxonomy import BrandOutput, CategoryOutput
from ..search import product_summaries, search_all
from ..viewsets import PUBLIC_READ, CatalogViewSet, ProductChildViewSet, find_product
from .serializers import (
    BrandInput,
    CategoryInput,
    OptionGroupInput,
    ProductInput,
    SearchOutput,
    VariantInput,
)

PLAIN_LIST_PARAMETERS = {"ordering", "page", "limit"}
PLAIN_ORDERINGS = {f"{sign}{name}" for name in ProductFilter.base_filters["ordering"].param_map for sign in ("", "-")}


class ProductViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CatalogViewSet):
    """Products. Look one up by id or slug."""

    # On 100k products COUNT(*) is ~40 % of a page (docs/benchmarks.md); anonymous pages share it for a minute.
    count_cache_seconds = 60
    # Shop integrations may search products with `shop:read` as well as `catalog:read`.
    required_scopes = {"list": ("catalog:read", "shop:read"), "retrieve": ("catalog:read", "shop:read")}
    queryset = Product.objects.none()  # for the schema; get_queryset decides what the caller sees
    serializer_class = ProductOutput
    filterset_class = ProductFilter
    slug_lookup = True

    def get_queryset(self):
        return products_for(self.viewer)

    def filter_queryset(self, queryset):
        # A page asked only for an ordering (the common case) skips building the whole filter set (a fifth of a
        # list request): the same ordering filter orders it; anything else goes through django-filter.
        ordering = self._plain_ordering()
        if ordering is not False:
            return filter_products(queryset, {"ordering": ordering} if ordering else {})
        return super().filter_queryset(queryset)

    def _plain_ordering(self) -> str | bool | None:
        """The ordering of a page asking for nothing else (None: the default one); False for any other page."""
        params = self.request.query_params
        ordering = params.get("ordering")
        if set(params) <= PLAIN_LIST_PARAMETERS and (ordering is None or ordering in PLAIN_ORDERINGS):
            return ordering
        return False

    def get_object(self):
        # A single product by id or slug: the list's filters (django-filter) have nothing to narrow here.
        product = find_product(self.get_queryset(), self.kwargs[self.lookup_url_kwarg])
        self.check_object_permissions(self.request, product)
        return product

    # Anonymous reads serve stored representations (catalog.documents): a page reads the keys of its products, then
    # their bodies by key, and the response is the bodies' concatenation. An unfiltered page runs SQL compiled once.
    def list(self, request, *args, **kwargs):
        context = self.get_serializer_context()
        if not documents.serves(context):
            return super().list(request, *args, **kwargs)
        ordering = self._plain_ordering()
        if ordering is False:
            products = documents.page(self.filter_queryset(visible_products(self.viewer)))
        else:
            products = documents.PlainPage(ordering, documents.context_key(context))
        page = self.paginate_queryset(products)
        found = products.found if isinstance(products, documents.PlainPage) else None  # read with its keys
        return self.get_paginated_response(documents.bodies(page, context, found=found))

    def retrieve(self, request, *args, **kwargs):
        context = self.get_serializer_context()
        if not documents.serves(context):
            return super().retrieve(request, *args, **kwargs)
        ref = self.kwargs[self.lookup_url_kwarg]
        body = documents.detail(ref, context)
        if body is None:  # no such product, or deleted while we read it
            raise Http404(ref)
        return Response(body)

    def reloaded(self, product):
        return products_for(self.viewer).get(pk=product.pk)

    @extend_schema(request=ProductInput, responses={201: ProductOutput})
    def create(self, request):
        product = services.create_product(**self.validated(ProductInput))
        return self.render(self.reloaded(product), status=201)

    @extend_schema(request=ProductInput, responses={200: ProductOutput}, description="Partial update.")
    def update(self, request, id=None):
        product = services.update_product(product=self.get_object(), **self.validated(ProductInput, partial=True))
        return self.render(self.reloaded(product))

    @extend_schema(request=ProductInput, responses={200: ProductOutput})
    def partial_update(self, request, id=None):
        return self.update(request, id=id)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.delete_product(product=self.get_object())
        return Response(status=204)


@extend_schema(
    parameters=[OpenApiParameter("product_id", str, OpenApiParameter.PATH, description="Product id or slug.")]
)
class OptionGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ProductChildViewSet):
    """Option groups (≤ 3 per product). Changing them regenerates the variant matrix."""

    queryset = OptionGroup.objects.none()
    serializer_class = OptionGroupOutput

    def get_queryset(self):
        return option_groups_of(self.product())

    @extend_schema(request=OptionGroupInput, responses={201: OptionGroupOutput})
    def create(self, request, product_id=None):
        group = services.create_option_group(product=self.product(), **self.validated(OptionGroupInput))
        return self.render(self.get_queryset().get(pk=group.pk), status=201)

    @extend_schema(request=OptionGroupInput, responses={200: OptionGroupOutput}, description="Partial update.")
    def update(self, request, product_id=None, id=None):
        fields = self.validated(OptionGroupInput, partial=True)
        group = services.update_option_group(group=self.get_object(), **fields)
        return self.render(self.get_queryset().get(pk=group.pk))

    @extend_schema(request=OptionGroupInput, responses={200: OptionGroupOutput})
    def partial_update(self, request, product_id=None, id=None):
        return self.update(request, product_id=product_id, id=id)

    @extend_schema(responses={204: None})
    def destroy(self, request, product_id=None, id=None):
        services.delete_option_group(group=self.get_object())
        return Response(status=204)


@extend_schema(
    parameters=[OpenApiParameter("product_id", str, OpenApiParameter.PATH, description="Product id or slug.")]
)
class VariantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ProductChildViewSet):
    """Variants: one per combination of option values, with their own prices and stock."""

    queryset = Variant.objects.none()
    serializer_class = VariantOutput

    def get_queryset(self):
        return variants_with_options().filter(product=self.product())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        for variant in page or []:
            variant.product = self.product()
        return page

    @extend_schema(request=VariantInput, responses={200: VariantOutput}, description="Partial update.")
    def update(self, request, product_id=None, id=None):
        fields = self.validated(VariantInput, partial=True)
        variant = services.update_variant(variant=self.get_object(), **fields)
        return self.render(self._reloaded(variant))

    @extend_schema(request=VariantInput, responses={200: VariantOutput})
    def partial_update(self, request, product_id=None, id=None):
        return self.update(request, product_id=product_id, id=id)

    @extend_schema(responses={204: None})
    def destroy(self, request, product_id=None, id=None):
        services.delete_variant(variant=self.get_object())
        return Response(status=204)

    def get_object(self):
        variant = super().get_object()
        variant.product = self.product()
        return variant

    def _reloaded(self, variant):
        fresh = variants_with_options().get(pk=variant.pk)
        fresh.product = Product.objects.get(pk=variant.product_id)
        return fresh


class TaxonomyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CatalogViewSet):
    slug_lookup = True


class CategoryViewSet(TaxonomyViewSet):
    """The category tree. Look one up by id or slug."""

    queryset = Category.objects.none()
    serializer_class = CategoryOutput
    filterset_class = CategoryFilter

    def get_queryset(self):
        return categories_for(self.viewer)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if getattr(self, "viewer", None) is not None:
            context["category_tree"] = category_tree()
        return context

    @extend_schema(request=CategoryInput, responses={201: CategoryOutput})
    def create(self, request):
        category = services.create_category(**self.validated(CategoryInput))
        return self.render(self.get_queryset().get(pk=category.pk), status=201)

    @extend_schema(request=CategoryInput, responses={200: CategoryOutput}, description="Partial update.")
    def update(self, request, id=None):
        fields = self.validated(CategoryInput, partial=True)
        category = services.update_category(category=self.get_object(), **fields)
        return self.render(self.get_queryset().get(pk=category.pk))

    @extend_schema(request=CategoryInput, responses={200: CategoryOutput})
    def partial_update(self, request, id=None):
        return self.update(request, id=id)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.delete_category(category=self.get_object())
        return Response(status=204)


class BrandViewSet(TaxonomyViewSet):
    """Brands. Look one up by id or slug."""

    queryset = Brand.objects.none()
    serializer_class = BrandOutput
    filterset_class = BrandFilter

    def get_queryset(self):
        return brands_for(self.viewer)

    @extend_schema(request=BrandInput, responses={201: BrandOutput})
    def create(self, request):
        brand = services.create_brand(**self.validated(BrandInput))
        return self.render(self.get_queryset().get(pk=brand.pk), status=201)

    @extend_schema(request=BrandInput, responses={200: BrandOutput}, description="Partial update.")
    def update(self, request, id=None):
        brand = services.update_brand(brand=self.get_object(), **self.validated(BrandInput, partial=True))
        return self.render(self.get_queryset().get(pk=brand.pk))

    @extend_schema(request=BrandInput, responses={200: BrandOutput})
    def partial_update(self, request, id=None):
        return self.update(request, id=id)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        services.delete_brand(brand=self.get_object())
        return Response(status=204)


class SearchView(ShopAPIView):
    """Search products, categories and brands at once (`search:read`, or anonymous)."""

    query_parameters = ("q", "limit")

    scope_resource = "search"
    anonymous_methods = PUBLIC_READ
    public_cache = True
    max_results = 50

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="Search text (1-200 characters)."),
            OpenApiParameter("limit", int, description="Hits per kind, 1-50 (default 10)."),
        ],
        responses={200: SearchOutput},
    )
    def get(self, request):
        text = request.query_params.get("q", "").strip()
        if not text or len(text) > 200:
            raise InvalidInput("`q` must be 1 to 200 characters.", param="q")
        limit = parse_bounded_int(request, "limit", default=10, minimum=1, maximum=self.max_results)
        viewer = viewer_for(request)
        context = product_context(viewer, request)
        hits = search_all(viewer, text, limit)
        if hits.categories or hits.brands:
            body = SearchOutput(
                {"products": [], "categories": hits.categories, "brands": hits.brands}, context=context
            ).data
        else:  # nothing for SearchOutput to render (most searches): building its fields cost a twentieth of one
            body = {"products": [], "categories": [], "brands": []}
        body["products"] = product_summaries(hits.products, context)
        return Response(body)
