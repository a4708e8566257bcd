"""Store settings as one admin page: the singleton's change view with payment, location and menu inlines."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from shopplatform.admin_base import ModelAdmin, StackedInline, TabularInline
from shopplatform.forms import HTTPS_URL_FIELDS, ServiceAdminMixin

from . import services
from .models import ContentPage, MenuItem, NewsPost, PaymentMethod, PickupLocation, Store


class PaymentMethodFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [form.cleaned_data for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        active = [row for row in kept if row.get("active")]
        defaults = [row for row in kept if row.get("is_default")]
        if active and len(defaults) != 1:
            raise ValidationError("Mark exactly one active payment method as the default.")


class PaymentMethodInline(StackedInline):
    model = PaymentMethod
    formfield_overrides = HTTPS_URL_FIELDS
    formset = PaymentMethodFormSet
    money_fields = {"surcharge_cents": "Surcharge"}
    extra = 0
    fields = [
        ("method", "gateway", "active", "is_default", "position"),
        ("title", "alias"),
        "description",
        "message",
        ("image", "logo"),
        ("surcharge_cents", "paypal_email"),
    ]


class PickupLocationInline(StackedInline):
    model = PickupLocation
    extra = 0
    fields = [
        ("title", "name", "position"),
        ("address", "address_extra"),
        ("city", "zip_code"),
        ("country", "country_code", "phone"),
    ]


class MenuItemInline(TabularInline):
    model = MenuItem
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0
    fields = ["menu", "position", "text", "type", "item", "url", "target_blank"]


@admin.register(Store)
class StoreAdmin(SimpleHistoryAdmin, ServiceAdminMixin, ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    inlines = [PaymentMethodInline, PickupLocationInline, MenuItemInline]
    readonly_fields = ["updated_at"]
    save_on_top = True
    fieldsets = [
        (
            "Identity and contact",
            {
                "fields": [
                    ("name", "username"),
                    "description",
                    "notice",
                    ("email", "show_email"),
                    ("phone", "cellphone"),
                    "address",
                    ("logo", "favicon"),
                    ("facebook", "twitter"),
                    ("instagram", "pinterest"),
                ]
            },
        ),
        (
            "Branding",
            {
                "fields": [
                    ("basecolor", "basecolor_contrast"),
                    ("secondarycolor", "secondarycolor_contrast"),
                    ("theme", "theme_origin", "dark_mode"),
                    "images_header",
                    "featured_blocks",
                ]
            },
        ),
        (
            "Geography and commerce",
            {
                "fields": [
                    ("currency", "locale", "taxes_included"),
                    ("latitude", "longitude"),
                    ("url", "domain", "is_ssl"),
                    "enable_shipping_methods",
                    "footer_info",
                    ("page_title", "meta_tags"),
                    "meta_description",
                ]
            },
        ),
        (
            "Listings",
            {
                "fields": [
                    ("category_default_order", "categories_sorting", "brands_sorting"),
                    ("products_per_page_home", "products_per_page_catalog"),
                    ("categories_per_page", "brands_per_page"),
                ]
            },
        ),
        (
            "Checkout",
            {
                "fields": [
                    "users_registration",
                    ("field_company", "field_fiscal_id"),
                    ("field_delivery_phone", "field_billing_phone"),
                    ("terms_page_title", "terms_page_url"),
                    ("privacy_page_title", "privacy_page_url"),
                    "status_cancel",
                ]
            },
        ),
        (
            "Abandoned carts",
            {
                "classes": ["collapse"],
                "fields": [
                    ("carts_automatic_notifications", "carts_client_notification", "carts_notification_type"),
                    ("carts_send_after", "carts_coupon"),
                    "carts_email_subject",
                    "carts_email_lead",
                ],
            },
        ),
        (
            "Wholesale (B2B)",
            {
                "classes": ["collapse"],
                "fields": [
                    ("wholesale_client_signup", "wholesale_checkbox_label"),
                    ("wholesale_show_regular_price", "wholesale_taxes_included", "wholesale_show_exclusive_only"),
                ],
            },
        ),
        ("Record", {"fields": ["updated_at"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one store: its list is its settings page."""
        store = Store.load()
        return HttpResponseRedirect(reverse("admin:store_store_change", args=[store.pk]))

    def save_model(self, request, obj, form, change) -> None:
        services.update_store(store=obj, **{name: form.cleaned_data[name] for name in form.changed_data})

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not PaymentMethod:
            super().save_formset(request, form, formset, change)
            return
        changed = formset.save(commit=False)
        services.save_payment_methods(changed=changed, deleted=formset.deleted_objects)


@admin.register(ContentPage)
class ContentPageAdmin(ModelAdmin):
    list_display = ["title", "slug", "published", "position", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "published", "position"]}),
        ("Search engines", {"fields": ["page_title", "meta_description", "meta_tags"], "classes": ["collapse"]}),
    ]


@admin.register(NewsPost)
class NewsPostAdmin(ModelAdmin):
    list_display = ["title", "published", "published_at", "updated_at"]
    list_filter = ["published", "published_at"]
    search_fields = ["title", "slug", "public_id"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["public_id", "created_at", "updated_at"]
    date_hierarchy = "published_at"
    fields = ["public_id", "title", "slug", "excerpt", "body", "published", "published_at", "created_at", "updated_at"]
