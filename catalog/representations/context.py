"""What catalog representations read besides the rows: the caller, the store's money terms and storefront links.

`product_context` reads the store row once per response (or once per event payload), so rendering a page of 100
products costs no query per row. Money display comes from the shared `shopplatform.api.fields.MoneyMixin`; the
catalog's mixin adds wholesale visibility, net prices and storefront links on top of it.
"""

from rest_framework import serializers

from shopplatform.api.fields import MoneyMixin as SharedMoneyMixin
from shopplatform.links import site_url
from shopplatform.store.models import Store

from ..pricing import price_without_tax_cents
from ..queries import Viewer
from .links import StoreLinks, store_links

# Schema types of method fields that may be null (an OpenApiTypes constant alone would declare them non-null).
NULLABLE_INT = serializers.IntegerField(allow_null=True)
NULLABLE_STR = serializers.CharField(allow_null=True)
NULLABLE_URL = serializers.URLField(allow_null=True)


def product_context(viewer: Viewer, request=None) -> dict:
    """What catalog output needs besides the rows: the store's money terms (Store.cached) and storefront links."""
    store = Store.cached()
    return {
        "viewer": viewer,
        "currency": store.currency,
        "locale": store.locale,
        "taxes_included": store.taxes_included,
        "links": store_links(site_url()),
    }


class MoneyMixin(SharedMoneyMixin):
    """Money display (the shared mixin's), net prices and storefront links from the product_context of the response."""

    @property
    def sees_wholesale(self) -> bool:
        return self.context["viewer"].sees_wholesale

    @property
    def links(self) -> StoreLinks:
        return self.context["links"]

    def net_of_tax(self, price_cents: int, product) -> int:
        # A product that is not taxable carries no tax, whatever its rate (as carts price it).
        rate = (product.tax_rate_bp or 0) if product.taxable else 0
        return price_without_tax_cents(price_cents, tax_rate_bp=rate, taxes_included=self.context["taxes_included"])
