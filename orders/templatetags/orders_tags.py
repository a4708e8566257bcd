"""Order facts every store page shows: `{% load orders_tags %}`, then `{% cart_quantity as quantity %}`.

The platform core knows nothing of carts; its templates ask the orders app through this tag. Like the store
context, it gives nothing on admin and API pages.
"""

from django import template

from orders.views import cart_quantity as units_in_cart
from shopplatform.store.context_processors import shows_storefront

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_quantity(context) -> int:
    """Units in the visitor's cart (one query, no cart created)."""
    request = context.get("request")
    if request is None or not hasattr(request, "session") or not shows_storefront(request):
        return 0
    return units_in_cart(request)
