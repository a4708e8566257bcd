"""Absolute storefront URLs in catalog representations: `url`/`permalink`, `add_cart_url`, `wishlist`.

The base is the project's one link base (`shopplatform.links.site_url`: the store's address, else SITE_URL, else
the host the request came on). Paths come from the store
page routes (catalog:product, orders:cart-add, catalog:wishlist-add/-remove, catalog:category, catalog:brand),
reversed once per response with a placeholder slug, so a page of 100 products does no per-row URL resolving and
the links follow the routes that actually serve them. Variant links add `?option=<var_…>`.
"""

from functools import lru_cache
from urllib.parse import quote

from django.urls import reverse

# Matches the routes' <slug:slug> converter, so reverse() accepts it; replaced by the real slug per row.
PLACEHOLDER = "slug-placeholder"


class StoreLinks:
    """Storefront URLs of products, variants, categories and brands under one base URL."""

    def __init__(self, base_url: str) -> None:
        def template(route: str) -> tuple[str, str]:
            head, _, tail = reverse(route, args=[PLACEHOLDER]).partition(PLACEHOLDER)
            return base_url + head, tail

        self.base = base_url
        self._product = template("catalog:product")
        self._add_cart = template("orders:cart-add")
        self._wishlist_add = template("catalog:wishlist-add")
        self._wishlist_remove = template("catalog:wishlist-remove")
        self._category = template("catalog:category")
        self._brand = template("catalog:brand")

    @staticmethod
    def _fill(template: tuple[str, str], slug: str, variant_id: str | None = None) -> str:
        url = f"{template[0]}{quote(slug)}{template[1]}"
        return f"{url}?option={quote(variant_id)}" if variant_id else url

    def product(self, slug: str, variant_id: str | None = None) -> str:
        return self._fill(self._product, slug, variant_id)

    def add_to_cart(self, slug: str) -> str:
        return self._fill(self._add_cart, slug)

    def wishlist(self, slug: str, variant_id: str | None = None) -> dict[str, str]:
        return {
            "add_url": self._fill(self._wishlist_add, slug, variant_id),
            "remove_url": self._fill(self._wishlist_remove, slug, variant_id),
        }

    def category(self, slug: str) -> str:
        return self._fill(self._category, slug)

    def brand(self, slug: str) -> str:
        return self._fill(self._brand, slug)


@lru_cache(maxsize=16)
def store_links(base_url: str) -> StoreLinks:
    """The StoreLinks of a base URL, built once per process (reversing the routes was a tenth of a cached read)."""
    return StoreLinks(base_url)
