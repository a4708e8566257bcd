"""Back-office for orders, carts, coupons and shipping methods.

Orders change only through the workflow service (status actions, "mark paid", the editable tracking, invoice,
note and the other merchant fields), so the admin fires the same events as the API. Amounts, lines and history are read-only.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.utils import timezone

from shopplatform.admin_base import ModelAdmin, TabularInline
from shopplatform.errors import ShopError
from shopplatform.forms import ServiceAdminMixin
from shopplatform.money import format_money
from shopplatform.store.payments import checkout_code

from . import services
from .models import Cart, CartLine, Coupon, Order, OrderLine, OrderStatus, OrderStatusChange, ShippingMethod
from .services.coupons import FIELDS as COUPON_FIELDS
from .services.coupons import check_coupon
from .services.shipping import FIELDS as SHIPPING_METHOD_FIELDS
from .services.workflow import check_order_fields

CSV_COLUMNS = ("public_id", "created_at", "status", "paid", "payment_method", "email", "currency", "total_cents")


class ReadOnlyInline(TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["title", "option", "sku", "quantity", "unit_price_cents", "discount_cents", "tax_cents", "total_cents"]
    readonly_fields = fields


class OrderStatusChangeInline(ReadOnlyInline):
    model = OrderStatusChange
    fields = ["created_at", "from_status", "to_status", "note", "changed_by"]
    readonly_fields = fields
    verbose_name_plural = "status history"


def _status_action(status: OrderStatus):
    def change_status(modeladmin, request, queryset) -> None:
        changed = 0
        for order in queryset:
            try:
                services.change_order_status(order=order, status=status, changed_by=request.user)
                changed += 1
            except ShopError as exc:
                modeladmin.message_user(request, f"{order.public_id}: {exc.detail}", messages.WARNING)
        modeladmin.message_user(request, f"{changed} order(s) changed to {status.label}.")

    change_status.__name__ = f"change_status_to_{status.value}"
    return admin.action(description=f"Change status to “{status.label}”")(change_status)


class OrderAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        try:
            check_order_fields(forms.models.construct_instance(self, self.instance))
        except ShopError as exc:
            raise forms.ValidationError({exc.param: exc.detail} if exc.param in self.fields else exc.detail) from exc
        return cleaned


@admin.register(Order)
class OrderAdmin(ServiceAdminMixin, ModelAdmin):
    form = OrderAdminForm
    list_display = [
        "number",
        "public_id",
        "created_at",
        "email",
        "status",
        "paid",
        "payment_method",
        "total",
        "coupon_code",
    ]
    list_filter = ["status", "paid", "payment_method", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["=number", "public_id", "email", "hash"]
    date_hierarchy = "created_at"
    inlines = [OrderLineInline, OrderStatusChangeInline]
    editable = [
        "tracking_code",
        "tracking_url",
        "tracking_carrier",
        "shipping_url",
        "invoice_number",
        "invoice_url",
        "note",
        "observations",
        "custom_field",
        "expected_arrival_from",
        "expected_arrival_until",
        "tax_exemption",
        "tags",
    ]
    actions = ["mark_paid", "export_csv", *(_status_action(status) for status in OrderStatus)]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Order._meta.fields if field.name not in self.editable]

    def has_add_permission(self, request) -> bool:
        return False  # orders come from checkout

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the API's DELETE applies the deletion rules

    @admin.display(description="total", ordering="total_cents")
    def total(self, order: Order) -> str:
        return format_money(order.total_cents, order.currency)

    def save_model(self, request, obj, form, change) -> None:
        fields = {name: form.cleaned_data[name] for name in self.editable if name in form.changed_data}
        if fields:
            services.update_order(order=obj, changed_by=request.user, **fields)

    @admin.action(description="Mark paid")
    def mark_paid(self, request, queryset) -> None:
        for order in queryset:
            services.mark_order_paid(order=order, changed_by=request.user)
        self.message_user(request, f"{queryset.count()} order(s) marked paid.")

    @admin.action(description="Export CSV")
    def export_csv(self, request, queryset) -> HttpResponse:
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="orders-{timezone.now():%Y%m%d-%H%M%S}.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for row in queryset.order_by("-created_at").values(*CSV_COLUMNS):
            row["payment_method"] = checkout_code(row["payment_method"])  # spelled as the orders API spells it
            writer.writerow([row[name] for name in CSV_COLUMNS])
        return response


class CartLineInline(ReadOnlyInline):
    model = CartLine
    fields = ["product", "variant", "quantity", "created_at"]
    readonly_fields = fields


@admin.register(Cart)
class CartAdmin(ModelAdmin):
    list_display = ["public_id", "customer", "email", "status", "updated_at", "reminded_at"]
    list_filter = ["status", "updated_at"]
    search_fields = ["public_id", "email", "customer__email"]
    inlines = [CartLineInline]
    list_select_related = ["customer"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Cart._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


class CouponAdminForm(forms.ModelForm):
    class Meta:
        model = Coupon
        fields = [
            "code",
            "type",
            "value",
            "applies_to",
            "orders_over_cents",
            "category",
            "product",
            "limit",
            "date_from",
            "date_to",
        ]

    def clean(self):
        cleaned = super().clean()
        try:
            check_coupon(forms.models.construct_instance(self, self.instance))
        except ShopError as exc:
            raise forms.ValidationError({exc.param: exc.detail} if exc.param in self.fields else exc.detail) from exc
        return cleaned


@admin.register(Coupon)
class CouponAdmin(ServiceAdminMixin, ModelAdmin):
    form = CouponAdminForm
    list_display = ["code", "type", "value", "applies_to", "limit", "used", "date_from", "date_to", "orders_total"]
    list_filter = ["type", "applies_to"]
    search_fields = ["code"]
    autocomplete_fields = ["category", "product"]
    readonly_fields = ["used", "orders_total_cents", "orders_discount_cents", "created_at"]

    @admin.display(description="orders total", ordering="orders_total_cents")
    def orders_total(self, coupon: Coupon) -> int:
        return coupon.orders_total_cents

    def save_model(self, request, obj, form, change) -> None:
        names = form.changed_data if change else form.fields
        fields = {name: form.cleaned_data[name] for name in names if name in COUPON_FIELDS}
        saved = services.update_coupon(coupon=obj, **fields) if change else services.create_coupon(**fields)
        obj.pk, obj.public_id = saved.pk, saved.public_id

    def delete_model(self, request, obj) -> None:
        services.delete_coupon(coupon=obj)

    def delete_queryset(self, request, queryset) -> None:
        for coupon in queryset:
            services.delete_coupon(coupon=coupon)


@admin.register(ShippingMethod)
class ShippingMethodAdmin(ServiceAdminMixin, ModelAdmin):
    """Saves, list edits and deletes go through the shipping services (country codes normalised, ranges checked)."""

    list_display = ["title", "price_cents", "free_over_cents", "countries", "active", "position"]
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
