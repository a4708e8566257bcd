"""What a public category page reads (a category and a sort, no other filter, nobody signed in): its page of keys,
its product count and its brand choices.

Where the database keeps shelves (catalog.documents.shelves, PostgreSQL) the three come from the category's shelf:
a page is an index-only walk that stops at the page, the count and the brands an index-only read of the category's
entries, whatever the size of the catalog. Elsewhere (SQLite) the page's keys are read through the category links
and the count and brands as any listing's (catalog.views._listing_facts). The SQL is compiled once per ordering
(shopplatform.prepared): building and compiling these queries per page cost more than running them.
"""

import re
from functools import cache

from django.db import connection
from django.db.models import Count

from shopplatform.prepared import PreparedQuery

from .documents import shelves
from .documents.read import ANONYMOUS
from .filters import filter_products, in_categories
from .models import SHELF_ORDERINGS, Brand, ShelfEntry
from .queries import Viewer, categories_named, category_and_descendants, visible_products

SHELF_NAMES = {"created_at": "created"}  # the product list's ordering names that differ from the shelf's


def is_public_category_page(viewer: Viewer, data: dict) -> bool:
    """Whether a listing's filters are a public category page's: a category and an ordering, for the public."""
    return viewer == ANONYMOUS and set(data) == {"category", "ordering"}


def shelf_of(category_ref: str) -> int | None:
    """The category whose shelf answers a public category page, if the database keeps shelves and `category_ref`
    (an id or slug) names one category."""
    if not shelves.kept(connection):
        return None
    named = categories_named(category_ref)
    return next(iter(named)) if len(named) == 1 else None


class CategoryKeys:
    """The keys of the public's products in a category and its subcategories, in one offered ordering, as the
    paginator slices them: from the category's `shelf` where there is one (`shelf_of`), through the links elsewhere."""

    def __init__(self, category_ref: str, ordering: str, *, shelf: int | None) -> None:
        self.category_ref = category_ref
        self.ordering = ordering
        self.shelf = shelf

    def __getitem__(self, window: slice) -> list[int]:
        if self.shelf is not None:
            return _shelf_keys(self.ordering).keys(window, categories=[self.shelf])
        pks = sorted(category_and_descendants(self.category_ref))
        return _category_keys(self.ordering).keys(window, categories=pks) if pks else []


def shelf_count(shelf: int) -> int:
    rows = _SHELF_COUNT.rows(categories=[shelf])
    return rows[0][0] if rows else 0


def brand_choices(rows) -> list[dict]:
    """A listing's brand choices from (slug, title) rows."""
    return [{"slug": slug, "title": title} for slug, title in rows]


def shelf_brands(shelf: int) -> list[dict]:
    """The active brands of the products on a shelf, as the listing's brand choices."""
    return brand_choices(_SHELF_BRANDS.rows(categories=[shelf]))


@cache
def _shelf_keys(ordering: str) -> PreparedQuery:
    name = ordering.lstrip("-")
    # The product's key by its column: ordering by the relation would order by the product's own ordering.
    fields = [re.sub(r"product$", "product_id", field) for field in SHELF_ORDERINGS[SHELF_NAMES.get(name, name)]]
    if ordering.startswith("-"):  # the same index, walked backwards
        fields = [field[1:] if field.startswith("-") else f"-{field}" for field in fields]
    return PreparedQuery(
        lambda slots: (
            ShelfEntry.objects.filter(category_id__in=slots.numbers("categories"))
            .order_by(*fields)
            .values_list("product_id")
        )
    )


@cache
def _category_keys(ordering: str) -> PreparedQuery:
    return PreparedQuery(
        lambda slots: filter_products(
            in_categories(visible_products(ANONYMOUS), slots.numbers("categories")), {"ordering": ordering}
        ).values_list("pk")
    )


_SHELF_COUNT = PreparedQuery(
    lambda slots: (
        ShelfEntry.objects.filter(category_id__in=slots.numbers("categories"))
        .order_by()
        .values("category_id")
        .annotate(count=Count("*"))
        .values_list("count")
    )
)
_SHELF_BRANDS = PreparedQuery(
    lambda slots: Brand.objects.filter(
        active=True,
        pk__in=ShelfEntry.objects.filter(category_id__in=slots.numbers("categories")).values("brand_id"),
    ).values_list("slug", "title")
)
