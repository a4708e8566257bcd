"""The orders list and order page.

Orders change only through the workflow services: the page's buttons (orders.admin.order_page), the list's status
actions and "mark paid", and the form's merchant fields (tracking, invoice, notes: `update_order`), so the admin
fires the same events as the API. Amounts, lines and history are read-only; money is shown in currency units.
"""

import csv
import re

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from shopplatform.admin_base import ModelAdmin
from shopplatform.errors import ShopError
from shopplatform.forms import EMPTY_AMOUNT, HTTPS_URL_FIELDS, ServiceAdminMixin, money, money_display
from shopplatform.store.payments import checkout_code

from .. import services
from ..models import Order, OrderLine, OrderStatus
from ..services.workflow import check_order_fields
from .forms import carrier_name
from .inlines import ReadOnlyInline
from .order_page import OrderPageMixin
from .wording import refusal_message

CSV_COLUMNS = ("public_id", "created_at", "status", "paid", "payment_method", "email", "currency", "total_cents")
ORDER_NUMBER = re.compile(r"#?\s*(\d{1,9})")
SKU_MATCHES = 1000  # orders of one SKU searched at most (a best seller's are better found with filters)
EDITABLE = [
    "tracking_carrier",
    "tracking_code",
    "tracking_url",
    "shipping_url",
    "expected_arrival_from",
    "expected_arrival_until",
    "invoice_number",
    "invoice_url",
    "note",
    "observations",
    "custom_field",
    "tax_exemption",
    "tags",
]


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["title", "option", "sku", "quantity", "unit_price", "discount", "tax", "line_total"]
    readonly_fields = fields
    unit_price = money_display("unit_price_cents", description="unit price", currency_field="order.currency")
    discount = money_display("discount_cents", description="discount", currency_field="order.currency")
    tax = money_display("tax_cents", description="tax", currency_field="order.currency")
    line_total = money_display("total_cents", description="total", currency_field="order.currency")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order")


def _status_action(status: OrderStatus):
    def change_status(modeladmin, request, queryset) -> None:
        changed = 0
        for order in queryset:
            try:
                services.change_order_status(order=order, status=status, changed_by=request.user)
                changed += 1
            except ShopError as exc:
                modeladmin.message_user(request, refusal_message(order, exc, target=status), messages.WARNING)
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
class OrderAdmin(SimpleHistoryAdmin, OrderPageMixin, ServiceAdminMixin, ModelAdmin):
    form = OrderAdminForm
    list_display = ["order_number", "created_at", "customer_name", "total", "payment", "status", "fulfilment"]
    list_display_links = ["order_number"]
    list_filter = ["status", "paid", "payment_method", ("created_at", admin.DateFieldListFilter)]
    search_help_text = "Number, e-mail, name, city or SKU"
    search_fields = ["=number"]  # shows the box; get_search_results decides what a term matches
    date_hierarchy = "created_at"
    inlines = [OrderLineInline]  # the status history is in the timeline under the form
    editable = EDITABLE
    fieldsets = [
        (
            "Shipping",
            {
                "fields": [
                    "tracking_carrier",
                    "tracking_code",
                    "tracking_url",
                    "shipping_url",
                    ("expected_arrival_from", "expected_arrival_until"),
                ]
            },
        ),
        ("Invoice", {"fields": ["invoice_number", "invoice_url", "tax_exemption"]}),
        ("Notes", {"fields": ["note", "observations", "custom_field", "tags", "client_note"]}),
        (
            "Details",
            {
                "classes": ["collapse"],
                "fields": [
                    "public_id",
                    "created_at",
                    "payment_method",
                    "coupon_code",
                    "shipment_method",
                    "weight_grams",
                    "stripe_session_id",
                ],
            },
        ),
    ]
    actions = ["mark_paid", "export_csv", *(_status_action(status) for status in OrderStatus)]
    formfield_overrides = HTTPS_URL_FIELDS
    total = money_display("total_cents", description="total", currency_field="currency")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Order._meta.fields if field.name not in self.editable]

    def has_add_permission(self, request) -> bool:
        return False  # orders come from checkout

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the API's DELETE applies the deletion rules

    @admin.display(description="order", ordering="number")
    def order_number(self, order: Order) -> str:
        return order.display_number

    @admin.display(description="customer", ordering="email")
    def customer_name(self, order: Order) -> str:
        return (order.client or {}).get("name") or order.email

    @admin.display(description="paid", ordering="paid")
    def payment(self, order: Order) -> str:
        if not order.paid:
            return "Unpaid"
        if order.refunded_cents >= order.total_cents > 0:
            return "Refunded"
        if order.refunded_cents:
            return f"Paid, {money(order.refunded_cents, order.currency)} refunded"
        return "Paid"

    @admin.display(description="fulfilment", ordering="sent_at")
    def fulfilment(self, order: Order) -> str:
        if order.status == OrderStatus.DELIVERED:
            return format_html("Delivered {}", f"{order.delivered_at:%d %b}" if order.delivered_at else "")
        if order.sent_at and order.status == OrderStatus.SENT:
            carrier = carrier_name(order.tracking_carrier) if order.tracking_carrier else ""
            return format_html("Sent {} {}", f"{order.sent_at:%d %b}", carrier)
        if order.status == OrderStatus.PICKUP_AVAILABLE:
            return "Ready for pick-up"
        if order.status in (OrderStatus.CANCELED, OrderStatus.RETURNED):
            return EMPTY_AMOUNT
        return "To fulfil" if order.paid else "Not yet"

    def get_search_results(self, request, queryset, search_term):
        """Match a term the indexable way: number and ids exactly, e-mail exactly, name and city by their start,
        SKU exactly (through the lines); never a leading wildcard over the whole table (indexes: migration 0012)."""
        term = search_term.strip()
        if not term:
            return queryset, False
        number = ORDER_NUMBER.fullmatch(term)
        if number:
            return queryset.filter(number=int(number.group(1))), False
        if "@" in term:
            return queryset.filter(email__iexact=term), False
        if term.startswith("ord_"):
            return queryset.filter(public_id=term), False
        # The SKU's orders first, as a list: an IN (subquery) inside the OR would make PostgreSQL scan every order.
        with_sku = list(OrderLine.objects.filter(sku=term).values_list("order_id", flat=True)[:SKU_MATCHES])
        matches = Q(client__name__istartswith=term) | Q(client__delivery__city__istartswith=term) | Q(pk__in=with_sku)
        return queryset.filter(matches), False

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
