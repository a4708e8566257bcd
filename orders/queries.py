"""Read side of the orders app: list querysets with what their serializers embed, and who sees which rows."""

from django.db.models import QuerySet

from shopplatform.accounts.models import Customer

from .models import Cart, Coupon, Order, ShippingMethod


def orders_with_lines() -> QuerySet[Order]:
    """Orders with their lines and shipping method: three queries for any page size."""
    return Order.objects.select_related("shipping_method").prefetch_related("lines")


def orders_visible_to(*, customer: Customer | None) -> QuerySet[Order]:
    """Every order for staff (customer None); a customer's own orders otherwise."""
    orders = orders_with_lines()
    return orders if customer is None else orders.filter(customer=customer)


def carts_of(*, customer: Customer) -> QuerySet[Cart]:
    return Cart.objects.filter(customer=customer).select_related("customer", "coupon", "shipping_method", "order")


def coupons_with_targets() -> QuerySet[Coupon]:
    return Coupon.objects.select_related("category", "product")


def shipping_methods_for(*, include_inactive: bool) -> QuerySet[ShippingMethod]:
    methods = ShippingMethod.objects.all()
    return methods if include_inactive else methods.filter(active=True)


def hold_prefetched(instance, relation: str, rows: list) -> None:
    """Keep `rows`, just written by this request, as the instance's prefetched `relation`, as prefetch_related
    would leave them, so rendering it reads nothing back."""
    queryset = getattr(instance, relation).all()
    queryset._result_cache, queryset._prefetch_done = rows, True
    instance._prefetched_objects_cache = {relation: queryset}
