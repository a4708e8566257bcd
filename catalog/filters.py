"""Query filters of the catalog lists. Aliases other commerce APIs use: `handle` = slug, `reference` = sku,
`query` = q, `status_alias` = status. Unknown categories, brands or sellers simply match nothing."""

import contextlib

import django_filters as filters
from django import forms
from django.db.models import Q

from .barcodes import normalize_gtin
from .exceptions import InvalidBarcode
from .models import Brand, Category, Product, parse_status
from .queries import category_and_descendants
from .search import search_products

ALL_STATUSES = {"0", "all"}


def in_category(products, ref: str):
    """Products of the category addressed by id or slug, or of any category below it."""
    return in_categories(products, category_and_descendants(ref))


def in_categories(products, pks):
    """Products of any of the categories `pks` (a category and its descendants)."""
    # A semi-join, not a join + DISTINCT: PostgreSQL can then walk an ordering index and stop at the page.
    linked = Product.categories.through.objects.filter(category_id__in=pks)
    return products.filter(pk__in=linked.values("product_id"))


def of_brand(products, ref: str):
    return products.filter(Q(brand__public_id=ref) | Q(brand__slug=ref))


class IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class StableOrderingFilter(filters.OrderingFilter):
    """Orders as asked, then breaks ties so pages never repeat or skip rows with equal sort values.

    Ties follow the direction of the last term (`-price` → `-price_cents, -pk`), so one ascending index per
    ordering serves both directions; `position` ties fall back to the default listing order (newest first), the
    order of the `product_listing_order` index.
    """

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if not value:
            return qs
        terms = list(qs.query.order_by)
        descending = str(terms[-1]).startswith("-")
        if str(terms[-1]).lstrip("-") == "position":
            ties = ["created_at", "pk"] if descending else ["-created_at", "-pk"]
        else:
            ties = ["-pk"] if descending else ["pk"]
        return qs.order_by(*terms, *ties)


class ProductFilter(filters.FilterSet):
    ids = filters.CharFilter(method="filter_ids", help_text="Comma-separated product ids.")
    slug = filters.CharFilter(field_name="slug")
    handle = filters.CharFilter(field_name="slug", help_text="Alias of `slug`.")
    category = filters.CharFilter(method="filter_category", help_text="Category id or slug; includes subcategories.")
    brand = filters.CharFilter(method="filter_brand", help_text="Brand id or slug.")
    status = filters.CharFilter(method="filter_status", help_text="Comma-separated names or codes 1-4; 0/all = any.")
    status_alias = filters.CharFilter(method="filter_status", help_text="Alias of `status`.")
    featured = filters.BooleanFilter()
    new = filters.BooleanFilter()
    sku = filters.CharFilter(field_name="sku")
    reference = filters.CharFilter(field_name="sku", help_text="Alias of `sku`.")
    barcode = filters.CharFilter(method="filter_barcode", help_text="Matches barcode, GTIN, UPC or EAN.")
    tag = filters.CharFilter(field_name="tags__name")
    q = filters.CharFilter(method="filter_search", max_length=200, help_text="Free-text search.")
    query = filters.CharFilter(method="filter_search", max_length=200, help_text="Alias of `q`.")
    price_min = IntegerFilter(field_name="price_cents", lookup_expr="gte", help_text="In cents.")
    price_max = IntegerFilter(field_name="price_cents", lookup_expr="lte", help_text="In cents.")
    seller = filters.CharFilter(method="filter_seller", help_text="Seller id or name.")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    ordering = StableOrderingFilter(
        fields=(
            ("position", "position"),
            ("price_cents", "price"),
            ("title", "title"),
            ("created_at", "created_at"),
            ("updated_at", "updated_at"),
        )
    )

    class Meta:
        model = Product
        fields: list[str] = []

    def filter_ids(self, queryset, name, value):
        return queryset.filter(public_id__in=[item.strip() for item in value.split(",") if item.strip()])

    def filter_category(self, queryset, name, value):
        return in_category(queryset, value)

    def filter_brand(self, queryset, name, value):
        return of_brand(queryset, value)

    def filter_status(self, queryset, name, value):
        names = [item.strip().lower() for item in value.split(",") if item.strip()]
        if not names or ALL_STATUSES & set(names):
            return queryset
        return queryset.filter(status__in={parse_status(item, param=name) for item in names})

    def filter_barcode(self, queryset, name, value):
        matches = Q(barcode=value) | Q(upc=value) | Q(ean=value)
        with contextlib.suppress(InvalidBarcode):  # not a GTIN: the other barcode fields may still hold it
            matches |= Q(gtin=normalize_gtin(value))
        return queryset.filter(matches)

    def filter_search(self, queryset, name, value):
        return search_products(queryset, value.strip()) if value.strip() else queryset

    def filter_seller(self, queryset, name, value):
        return queryset.filter(Q(seller__public_id=value) | Q(seller__name=value))


class CategoryFilter(filters.FilterSet):
    active = filters.BooleanFilter()
    is_parent = filters.BooleanFilter(field_name="parent", lookup_expr="isnull", help_text="Top-level only.")
    parent = filters.CharFilter(method="filter_parent", help_text="Parent id or slug; 0 = top level.")
    slug = filters.CharFilter(field_name="slug")
    handle = filters.CharFilter(field_name="slug", help_text="Alias of `slug`.")

    class Meta:
        model = Category
        fields: list[str] = []

    def filter_parent(self, queryset, name, value):
        if value == "0":
            return queryset.filter(parent__isnull=True)
        return queryset.filter(Q(parent__public_id=value) | Q(parent__slug=value))


class BrandFilter(filters.FilterSet):
    active = filters.BooleanFilter()
    slug = filters.CharFilter(field_name="slug")
    handle = filters.CharFilter(field_name="slug", help_text="Alias of `slug`.")

    class Meta:
        model = Brand
        fields: list[str] = []


PLAIN_FILTERS = {"category": in_category, "brand": of_brand}


def filter_products(products, data: dict):
    """`ProductFilter(data, queryset=products).qs`. A listing asking only for a category, a brand and an ordering
    (most store pages) gets the same filters applied directly: building the filter set deep-copies and validates
    some twenty filters, a fifth of such a page."""
    if not set(data) <= {*PLAIN_FILTERS, "ordering"}:
        return ProductFilter(data, queryset=products).qs
    for name, apply in PLAIN_FILTERS.items():
        if name in data:
            products = apply(products, data[name])
    ordering = data.get("ordering")
    return ProductFilter.base_filters["ordering"].filter(products, [ordering] if ordering else [])
