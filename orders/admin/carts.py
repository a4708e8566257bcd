"""Carts in the back-office: read-only (buyers fill them; reminders and checkout change them)."""

from django.contrib import admin

from shopplatform.admin_base import ModelAdmin

from ..models import Cart, CartLine
from .inlines import ReadOnlyInline


class CartLineInline(ReadOnlyInline):
    model = CartLine
    fields = ["product", "variant", "quantity", "created_at"]
    readonly_fields = fields


@admin.register(Cart)
class CartAdmin(ModelAdmin):
    list_display = ["public_id", "customer", "email", "status", "updated_at", "reminded_at"]
    list_filter = ["status", "updated_at"]
    search_fields = ["public_id", "email", "customer__email"]
    search_routes = {"cart_": "public_id"}
    inlines = [CartLineInline]
    list_select_related = ["customer"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Cart._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
