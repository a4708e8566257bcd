"""Back-office for orders, carts, coupons and shipping methods: one module per screen, registered on import."""

from . import carts, coupons, email_templates, orders, shipping

__all__ = ["carts", "coupons", "email_templates", "orders", "shipping"]
