"""Coupons: saves and deletes go through the coupon services (rules checked, events fired)."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from shopplatform.admin_base import ModelAdmin
from shopplatform.errors import ShopError
from shopplatform.forms import ServiceAdminMixin, money_display

from .. import services
from ..models import Coupon
from ..services.coupons import FIELDS as COUPON_FIELDS
from ..services.coupons import check_coupon


class CouponAdminForm(forms.ModelForm):
    class Meta:
        model = Coupon
        # The fields the coupon service edits, but `active`, which this form leaves out.
        fields = [name for name in COUPON_FIELDS if name != "active"]

    def clean(self):
        cleaned = super().clean()
        try:
            check_coupon(forms.models.construct_instance(self, self.instance))
        except ShopError as exc:
            raise forms.ValidationError({exc.param: exc.detail} if exc.param in self.fields else exc.detail) from exc
        return cleaned


@admin.register(Coupon)
class CouponAdmin(SimpleHistoryAdmin, ServiceAdminMixin, ModelAdmin):
    form = CouponAdminForm
    list_display = ["code", "type", "value", "applies_to", "limit", "used", "date_from", "date_to", "orders_total"]
    list_filter = ["type", "applies_to"]
    search_fields = ["code"]
    autocomplete_fields = ["category", "product"]
    readonly_fields = ["used", "orders_total", "orders_discount", "created_at"]
    money_fields = {"orders_over_cents": "Orders over"}
    orders_total = money_display("orders_total_cents", description="orders total")
    orders_discount = money_display("orders_discount_cents", description="discount granted")

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
