"""An option group's own page (rename values keeping their variants) and a variant's own page (every field the
product page's narrow grid leaves out). Both write through the catalog services."""

from django.contrib import admin

from shopplatform.admin_base import ModelAdmin, TabularInline
from shopplatform.forms import HTTPS_URL_FIELDS, ServiceAdminMixin, money_display

from .. import services
from ..models import Option, OptionGroup, Variant
from .common import ImagePreviewMixin, image_value

VARIANT_MONEY_FIELDS = {
    "price_cents": "Price",
    "promo_price_cents": "Promotional price",
    "wholesale_price_cents": "Wholesale price",
    "shipping_cents": "Shipping cost",
}


class OptionInline(TabularInline):
    model = Option
    extra = 1
    fields = ["position", "title"]


@admin.register(OptionGroup)
class OptionGroupAdmin(ServiceAdminMixin, ModelAdmin):
    """Edit a group's values; the service saves group and options together and regenerates the variant matrix."""

    list_display = ["title", "product"]
    search_fields = ["title", "product__title"]
    autocomplete_fields = ["product"]
    inlines = [OptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")

    def get_readonly_fields(self, request, obj=None):
        return ["product"] if obj else []  # a group belongs to one product for good

    def save_model(self, request, obj, form, change) -> None:
        pass  # the group is written with its options in save_related, where the option rows are known

    def save_related(self, request, form, formsets, change) -> None:
        options_formset = next(formset for formset in formsets if formset.model is Option)
        options_formset.save(commit=False)  # records the changes for the history message; writes nothing
        kept = sorted(
            (row for row in options_formset.forms if row.cleaned_data and not row.cleaned_data.get("DELETE")),
            key=lambda row: row.cleaned_data.get("position") or 0,
        )
        options = [
            {"id": row.instance.public_id, "title": row.cleaned_data["title"]}
            if row.instance.pk
            else {"title": row.cleaned_data["title"]}
            for row in kept
        ]
        if change:
            group = services.update_option_group(group=form.instance, title=form.cleaned_data["title"], options=options)
        else:
            group = services.create_option_group(
                product=form.cleaned_data["product"], title=form.cleaned_data["title"], options=options
            )
        form.instance.pk = group.pk

    def delete_model(self, request, obj) -> None:
        services.delete_option_group(group=obj)

    def delete_queryset(self, request, queryset) -> None:
        for group in queryset:
            services.delete_option_group(group=group)


@admin.register(Variant)
class VariantAdmin(ServiceAdminMixin, ImagePreviewMixin, ModelAdmin):
    """One combination of a product's options: made by the option groups, so never added here."""

    formfield_overrides = HTTPS_URL_FIELDS
    money_fields = VARIANT_MONEY_FIELDS
    list_display = ["title", "product", "sku", "price", "stock_quantity", "active"]
    list_filter = ["active"]
    search_fields = ["title", "sku", "barcode", "public_id", "product__title"]
    autocomplete_fields = ["image"]
    readonly_fields = ["public_id", "product", "title", "image_preview", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["product", "title", ("price_cents", "promo_price_cents"), ("stock_quantity", "active")]}),
        ("Codes", {"fields": [("sku", "barcode")]}),
        (
            "More prices, shipping and weight",
            {"fields": ["wholesale_price_cents", "price_on_request", "shipping_cents", "weight_grams"]},
        ),
        ("Image", {"fields": ["image", "image_url", "image_preview"]}),
        ("Record", {"fields": ["public_id", ("created_at", "updated_at")]}),
    ]

    price = money_display("price_cents", description="Price")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")

    def has_add_permission(self, request) -> bool:
        return False  # variants come from option groups

    def save_model(self, request, obj, form, change) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name not in ("image", "image_url")}
        if {"image", "image_url"} & set(form.changed_data):
            fields["image"] = image_value(form.cleaned_data.get("image"), form.cleaned_data.get("image_url", ""))
        if fields:
            services.update_variant(variant=obj, **fields)

    def delete_model(self, request, obj) -> None:
        services.delete_variant(variant=obj)

    def delete_queryset(self, request, queryset) -> None:
        for variant in queryset:
            services.delete_variant(variant=variant)
