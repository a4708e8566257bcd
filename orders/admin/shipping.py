"""Shipping methods: saves, list edits and deletes go through the shipping services."""

from django.contrib import admin

from shopplatform.admin_base import ModelAdmin
from shopplatform.forms import ServiceAdminMixin, money_display

from .. import services
from ..models import ShippingMethod
from ..services.shipping import FIELDS as SHIPPING_METHOD_FIELDS


@admin.register(ShippingMethod)
class ShippingMethodAdmin(ServiceAdminMixin, ModelAdmin):
    """Saves, list edits and deletes go through the shipping services (country codes normalised, ranges checked)."""

    list_display = ["title", "price", "free_over", "countries", "active", "position"]
    money_fields = {
        "price_cents": "Price",
        "free_over_cents": "Free at or over",
        "min_value_cents": "Orders from",
        "max_value_cents": "Orders up to",
    }
    price = money_display("price_cents", description="price")
    free_over = money_display("free_over_cents", description="free at or over")
    list_filter = ["active"]
    list_editable = ["active", "position"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change) -> None:
        names = form.changed_data if change else form.fields
        fields = {name: form.cleaned_data[name] for name in names if name in SHIPPING_METHOD_FIELDS}
        if change:
            saved = services.update_shipping_method(method=obj, **fields)
        else:
            saved = services.create_shipping_method(**fields)
        obj.pk, obj.public_id = saved.pk, saved.public_id

    def delete_model(self, request, obj) -> None:
        services.delete_shipping_method(method=obj)

    def delete_queryset(self, request, queryset) -> None:
        for method in queryset:
            services.delete_shipping_method(method=method)
