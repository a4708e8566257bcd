"""Back-office for orders, carts, coupons and shipping methods: one module per screen, registered on import."""

from . import carts, coupons, orders, shipping

__all__ = ["carts", "coupons", "orders", "shipping"]
