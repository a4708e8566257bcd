"""The store object of GET /api/v1/store: the shape of the original store API in snake_case, as valid JSON.

Blank optional strings render as null where that API documented `url|null`. `payments` is keyed by method;
`enabled_payment_methods` lists the active ones checkout can take (their provider configured) in display order.
"""

from django.templatetags.static import static
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.links import absolute_url, site_url

from ..models import FieldRequirement, MenuItem, PaymentMethod, page_handle
from ..payments import FEE_METHODS, PAYMENT_METHOD_CHOICES, PaymentMethodType, method_configured


class NullableCharField(serializers.CharField):
    """Renders a blank string as null."""

    def __init__(self, **kwargs) -> None:
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class PageReferenceOutput(Serializer):
    id = serializers.CharField(allow_null=True, help_text="Content pages arrive later; null for now.")
    title = serializers.CharField()
    url = serializers.URLField()
    handle = serializers.CharField()


def page_reference(title: str, url: str) -> dict | None:
    if not url:
        return None
    return {"id": None, "title": title, "url": url, "handle": page_handle(url)}


class CartSettingsOutput(Serializer):
    users_registration = serializers.ChoiceField(choices=FieldRequirement.choices)
    field_company = serializers.ChoiceField(choices=FieldRequirement.choices)
    field_fiscal_id = serializers.ChoiceField(choices=FieldRequirement.choices)
    field_delivery_phone = serializers.ChoiceField(choices=FieldRequirement.choices)
    field_billing_phone = serializers.ChoiceField(choices=FieldRequirement.choices)
    page_terms = serializers.SerializerMethodField()
    page_privacy = serializers.SerializerMethodField()

    @extend_schema_field(PageReferenceOutput(allow_null=True))
    def get_page_terms(self, store) -> dict | None:
        return page_reference(store.terms_page_title, store.terms_page_url)

    @extend_schema_field(PageReferenceOutput(allow_null=True))
    def get_page_privacy(self, store) -> dict | None:
        return page_reference(store.privacy_page_title, store.privacy_page_url)


class OrderSettingsOutput(Serializer):
    status_cancel = serializers.IntegerField(
        allow_null=True, help_text="Days after which unpaid orders are canceled; null: never."
    )


class CategorySettingsOutput(Serializer):
    default_order = serializers.CharField(source="category_default_order")


class CategoriesSettingsOutput(Serializer):
    sorting = serializers.CharField(source="categories_sorting")
    per_page = serializers.IntegerField(source="categories_per_page", allow_null=True)


class AbandonedCartSettingsOutput(Serializer):
    carts_automatic_notifications = serializers.BooleanField()
    carts_client_notification = serializers.BooleanField(allow_null=True)
    carts_notification_type = NullableCharField()
    carts_send_after = serializers.IntegerField(allow_null=True, help_text="Hours after the last cart change.")
    carts_coupon = NullableCharField()
    carts_email_subject = serializers.CharField()
    carts_email_lead = serializers.CharField()


class ProductsSettingsOutput(Serializer):
    per_page_home = serializers.IntegerField(source="products_per_page_home", allow_null=True)
    per_page_catalog = serializers.IntegerField(source="products_per_page_catalog", allow_null=True)


class BrandsSettingsOutput(Serializer):
    per_page = serializers.IntegerField(source="brands_per_page", allow_null=True)
    sorting = serializers.CharField(source="brands_sorting")


class WholesaleSettingsOutput(Serializer):
    show_regular_price = serializers.BooleanField(source="wholesale_show_regular_price")
    taxes_included = serializers.BooleanField(source="wholesale_taxes_included")
    client_signup = serializers.BooleanField(source="wholesale_client_signup")
    checkbox_label = serializers.CharField(source="wholesale_checkbox_label")
    show_exclusive_only = serializers.BooleanField(source="wholesale_show_exclusive_only")


class StoreSettingsOutput(Serializer):
    cart = CartSettingsOutput(source="*")
    order = OrderSettingsOutput(source="*")
    category = CategorySettingsOutput(source="*")
    categories = CategoriesSettingsOutput(source="*")
    abandoned = AbandonedCartSettingsOutput(source="*")
    products = ProductsSettingsOutput(source="*")
    brands = BrandsSettingsOutput(source="*")
    wholesale = WholesaleSettingsOutput(source="*")


class MenuItemOutput(Serializer):
    menu_text = serializers.CharField(source="text")
    menu_type = serializers.SerializerMethodField()
    menu_url = serializers.SerializerMethodField()
    menu_item = serializers.CharField(source="item")
    target_blank = serializers.BooleanField()

    def get_menu_type(self, item: MenuItem) -> str:
        return f"menu_{item.type}"

    def get_menu_url(self, item: MenuItem) -> str:
        return item.resolve_url(self.context["base_url"])


class NavigationOutput(Serializer):
    primary = MenuItemOutput(many=True)
    secondary = MenuItemOutput(many=True)


class PaymentMethodOutput(Serializer):
    active = serializers.BooleanField()
    default = serializers.BooleanField(source="is_default")
    method = serializers.ChoiceField(choices=PAYMENT_METHOD_CHOICES)
    gateway = serializers.ChoiceField(choices=PaymentMethod.Gateway.choices)
    alias = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    message = serializers.CharField()
    image = NullableCharField()
    logo = NullableCharField()
    email = NullableCharField(source="paypal_email", required=False, help_text="PayPal only.")
    surcharge_cents = serializers.IntegerField(
        required=False, help_text="Cash on delivery and custom only: fee in cents."
    )

    def to_representation(self, payment_method: PaymentMethod) -> dict:
        data = super().to_representation(payment_method)
        if payment_method.method != PaymentMethodType.PAYPAL:
            data.pop("email")
        if payment_method.method not in FEE_METHODS:
            data.pop("surcharge_cents")
        return data


class PaymentsOutput(Serializer):
    """One optional entry per configured method."""

    credit_card = PaymentMethodOutput(required=False)
    multibanco = PaymentMethodOutput(required=False)
    mbway = PaymentMethodOutput(required=False)
    paypal = PaymentMethodOutput(required=False)
    bank_transfer = PaymentMethodOutput(required=False)
    on_delivery = PaymentMethodOutput(required=False)
    pick_up = PaymentMethodOutput(required=False)
    custom = PaymentMethodOutput(required=False)


class LocationOutput(Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    address_extra = serializers.CharField()
    city = serializers.CharField()
    zip_code = serializers.CharField()
    country = serializers.CharField()
    country_code = serializers.CharField()
    phone = NullableCharField()


class AssetsOutput(Serializer):
    url = serializers.CharField()
    images = serializers.CharField()
    css = serializers.CharField()
    plugins = serializers.CharField(allow_null=True)
    scripts = serializers.CharField(allow_null=True)


class StoreOutput(Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    logo = NullableCharField()
    description = serializers.CharField()
    notice = serializers.CharField()
    facebook = NullableCharField()
    twitter = NullableCharField()
    instagram = NullableCharField()
    pinterest = NullableCharField()
    show_email = serializers.BooleanField()
    enable_shipping_methods = serializers.BooleanField()
    email = serializers.CharField()
    phone = NullableCharField()
    cellphone = NullableCharField()
    address = serializers.CharField()
    basecolor = serializers.CharField()
    basecolor_contrast = serializers.CharField()
    secondarycolor = NullableCharField()
    secondarycolor_contrast = serializers.CharField()
    favicon = NullableCharField()
    theme = serializers.CharField()
    theme_origin = serializers.CharField()
    dark_mode = serializers.BooleanField(allow_null=True)
    featured_blocks = serializers.ListField(child=serializers.DictField(), allow_null=True)
    images_header = serializers.ListField(child=serializers.URLField())
    assets = serializers.SerializerMethodField()
    latitude = NullableCharField()
    longitude = NullableCharField()
    currency = serializers.CharField()
    locale = serializers.CharField()
    taxes_included = serializers.BooleanField()
    footer_info = serializers.CharField()
    page_title = serializers.CharField()
    meta_description = serializers.CharField()
    meta_tags = NullableCharField()
    url = serializers.SerializerMethodField()
    domain = serializers.CharField()
    is_ssl = serializers.BooleanField()
    category_default_order = serializers.CharField()
    categories_sorting = serializers.CharField()
    brands_sorting = serializers.CharField()
    products_per_page_home = serializers.IntegerField(allow_null=True)
    products_per_page_catalog = serializers.IntegerField(allow_null=True)
    categories_per_page = serializers.IntegerField(allow_null=True)
    brands_per_page = serializers.IntegerField(allow_null=True)
    settings = StoreSettingsOutput(source="*")
    navigation = serializers.SerializerMethodField()
    payments = serializers.SerializerMethodField()
    enabled_payment_methods = serializers.SerializerMethodField()
    locations = LocationOutput(many=True)
    updated_at = serializers.DateTimeField()

    def get_url(self, store) -> str:
        return f"{store.base_url() or site_url()}/"

    @extend_schema_field(AssetsOutput)
    def get_assets(self, store) -> dict:
        """Theme assets, cache-busted by the time the settings last changed."""
        base = absolute_url(static(""))
        version = f"?theme={store.theme}&last_modified={int(store.updated_at.timestamp())}"
        return {
            "url": base.rstrip("/"),
            "images": f"{base}img",
            "css": f"{base}css/store.css{version}",
            "plugins": None,
            "scripts": None,
        }

    @extend_schema_field(NavigationOutput)
    def get_navigation(self, store) -> dict:
        context = {"base_url": site_url()}
        items = list(store.menu_items.all())
        return {
            menu: MenuItemOutput([item for item in items if item.menu == menu], many=True, context=context).data
            for menu in MenuItem.Menu.values
        }

    @extend_schema_field(PaymentsOutput)
    def get_payments(self, store) -> dict:
        return {item.method: PaymentMethodOutput(item).data for item in store.payment_methods.all()}

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=PAYMENT_METHOD_CHOICES)))
    def get_enabled_payment_methods(self, store) -> list[str]:
        return [item.method for item in store.payment_methods.all() if item.active and method_configured(item.method)]
