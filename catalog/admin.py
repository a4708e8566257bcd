"""Back-office for the catalog. Status and feature changes go through catalog.services so events fire.

The product page also shows the sub-domains' inlines (digital listing and versions, passports); importing their
admin modules registers their own screens, reviews' included.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

from shopplatform.forms import HTTPS_URL_FIELDS
from shopplatform.money import format_money
from shopplatform.store.models import Store

from . import services
from .digital.admin import DigitalListingInline, VersionInline
from .models import Brand, Category, Option, OptionGroup, Product, ProductImage, ProductStatus, Seller, Variant
from .models.products import image_renditions
from .passports.admin import PassportInline, digital_link_qr
from .reviews import admin as reviews_admin  # noqa: F401 (registers the review moderation screen)


def preview_html(renditions: dict[str, str]) -> str:
    return format_html('<img src="{}" alt="" style="height:60px;width:60px;object-fit:cover">', renditions["thumb"])


class ImagePreviewMixin:
    """The `image` media picked by autocomplete (the media admin's search) and a thumbnail of the result."""

    @admin.display(description="Preview")
    def image_preview(self, row) -> str:
        return preview_html(image_renditions(row.image, row.image_url))


class ProductImageInline(admin.TabularInline):
    """A gallery row: pick a media of the library (search by name, checksum or id) or give an external URL."""

    model = ProductImage
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0
    fields = ["position", "media", "external_url", "alt", "preview"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["media"]

    @admin.display(description="Preview")
    def preview(self, image: ProductImage) -> str:
        return preview_html(image.renditions) if image.pk else "—"


class OptionGroupInline(admin.TabularInline):
    model = OptionGroup
    extra = 0
    fields = ["position", "title", "option_titles"]
    readonly_fields = ["option_titles"]
    show_change_link = True

    @admin.display(description="Options")
    def option_titles(self, group: OptionGroup) -> str:
        return ", ".join(option.title for option in group.options.all())


class VariantInline(admin.TabularInline):
    model = Variant
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0
    can_delete = False
    fields = ["title", "price_cents", "promo_price_cents", "stock_quantity", "sku", "barcode", "image", "active"]
    readonly_fields = ["title"]
    autocomplete_fields = ["image"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # variants come from option groups


class OptionInline(admin.TabularInline):
    model = Option
    extra = 1
    fields = ["position", "title"]


@admin.register(OptionGroup)
class OptionGroupAdmin(admin.ModelAdmin):
    """Edit a group's values; saving regenerates the product's variant matrix."""

    list_display = ["title", "product"]
    search_fields = ["title", "product__title"]
    autocomplete_fields = ["product"]
    inlines = [OptionInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.regenerate_variants(product=form.instance.product)

    def delete_model(self, request, obj) -> None:
        services.delete_option_group(group=obj)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["thumbnail", "title", "sku", "price", "status", "stock", "featured", "updated_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "featured", "new", "wholesale_only", "stock_enabled", "brand", "categories"]
    search_fields = ["title", "sku", "gtin", "barcode", "public_id", "slug"]
    autocomplete_fields = ["categories", "brand", "seller"]
    readonly_fields = [
        "public_id",
        "weight_grams",
        "rating_avg",
        "rating_count",
        "created_at",
        "updated_at",
        digital_link_qr,
    ]
    inlines = [
        ProductImageInline,
        OptionGroupInline,
        VariantInline,
        DigitalListingInline,
        VersionInline,
        PassportInline,
    ]
    actions = ["make_active", "make_hidden", "make_featured"]
    fieldsets = [
        (None, {"fields": ["public_id", "title", "slug", "status", "featured", "new", "position"]}),
        ("Text", {"fields": ["description", "excerpt"]}),
        (
            "Prices",
            {
                "fields": [
                    "price_cents",
                    "promo_price_cents",
                    "promo_show_percentage",
                    "wholesale_price_cents",
                    "wholesale_only",
                    "price_on_request",
                    "is_free",
                    "tax_rate_bp",
                    "taxable",
                ]
            },
        ),
        ("Relations", {"fields": ["categories", "brand", "seller"]}),
        (
            "Identity",
            {
                "fields": [
                    "sku",
                    "barcode",
                    "gtin",
                    "upc",
                    "ean",
                    "model",
                    "variant",
                    "batch_number",
                    "serial_number",
                    "size",
                    "colour",
                ]
            },
        ),
        ("Shipping", {"fields": ["weight", "weight_unit", "weight_grams", "shipping_cents", "shipping_alone"]}),
        (
            "Stock",
            {
                "fields": [
                    "stock_enabled",
                    "stock_quantity",
                    "stock_backorder",
                    "stock_show",
                    "stock_sold_single",
                    "stock_notify",
                ]
            },
        ),
        ("Links", {"fields": ["video_url", "stripe_payment_link", "channels"]}),
        ("SEO", {"fields": ["page_title", "meta_description", "meta_tags"]}),
        ("Reviews", {"fields": ["rating_avg", "rating_count", "created_at", "updated_at"]}),
        ("Product passport", {"fields": [digital_link_qr]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("brand").prefetch_related("images", "variants")

    @admin.display(description="")
    def thumbnail(self, product: Product) -> str:
        images = product.images.all()
        if not images:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="height:40px;width:40px;object-fit:cover">', images[0].renditions["thumb"]
        )

    @admin.display(description="Price", ordering="price_cents")
    def price(self, product: Product) -> str:
        store = Store.load()
        return format_money(product.price_cents, store.currency, store.locale)

    @admin.display(description="Stock")
    def stock(self, product: Product) -> str:
        if not product.stock_enabled:
            return "—"
        variants = product.variants.all()
        return str(sum(v.stock_quantity for v in variants) if variants else product.stock_quantity)

    def save_model(self, request, obj, form, change) -> None:
        obj.check_prices()
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status: str) -> None:
        for product in queryset:
            services.set_product_status(product=product, status=status)
        messages.success(request, f"{queryset.count()} product(s) set to {status}.")

    @admin.action(description="Set status: active")
    def make_active(self, request, queryset) -> None:
        self._set_status(request, queryset, ProductStatus.ACTIVE)

    @admin.action(description="Set status: hidden")
    def make_hidden(self, request, queryset) -> None:
        self._set_status(request, queryset, ProductStatus.HIDDEN)

    @admin.action(description="Feature")
    def make_featured(self, request, queryset) -> None:
        for product in queryset:
            services.update_product(product=product, featured=True)
        messages.success(request, f"{queryset.count()} product(s) featured.")


@admin.register(Category)
class CategoryAdmin(ImagePreviewMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["tree_title", "slug", "position", "active", "product_count"]
    list_filter = ["active"]
    search_fields = ["title", "slug", "public_id"]
    autocomplete_fields = ["parent", "image"]
    readonly_fields = ["public_id", "image_preview", "created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent__parent").annotate(product_count=Count("products"))

    @admin.display(description="Category")
    def tree_title(self, category: Category) -> str:
        depth, node = 0, category.parent
        while node is not None and depth < 2:
            depth, node = depth + 1, node.parent
        return format_html("{}{}", "— " * depth, category.title)

    @admin.display(description="Products", ordering="product_count")
    def product_count(self, category: Category) -> int:
        return category.product_count


@admin.register(Brand)
class BrandAdmin(ImagePreviewMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "slug", "position", "active"]
    list_filter = ["active"]
    search_fields = ["title", "slug", "public_id"]
    autocomplete_fields = ["image"]
    readonly_fields = ["public_id", "image_preview", "created_at", "updated_at"]


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "display_name", "created_at"]
    search_fields = ["name", "display_name", "public_id"]
    readonly_fields = ["public_id", "created_at"]
