"""Back-office for the catalog. Every write goes through catalog.services, as the API's do, so the same
sanitising, validation and product.* events happen; a refusal comes back as a form error (ServiceAdminMixin).

The product page also shows the sub-domains' inlines (digital listing and versions, passports); importing their
admin modules registers their own screens, reviews' included.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

from shopplatform.admin_base import ModelAdmin, TabularInline
from shopplatform.errors import ShopError
from shopplatform.forms import HTTPS_URL_FIELDS, ServiceAdminMixin
from shopplatform.money import format_money
from shopplatform.store.models import Store

from . import services
from .digital import services as digital_services
from .digital.admin import DigitalListingInline, VersionInline
from .models import (
    Brand,
    Category,
    DigitalListing,
    Option,
    OptionGroup,
    Product,
    ProductImage,
    ProductStatus,
    Seller,
    Variant,
)
from .models.products import image_renditions
from .passports.admin import PassportInline, digital_link_qr
from .reviews import admin as reviews_admin  # noqa: F401 (registers the review moderation screen)


def reference(row) -> str | None:
    """A related row as the services take it: its public id (None when empty)."""
    return row.public_id if row is not None else None


def image_value(media, url: str) -> dict | None:
    """An image as the services take it: {"media": "med_…"}, {"url": …} or None."""
    if media is not None:
        return {"media": media.public_id}
    return {"url": url} if url else None


def service_fields(form, names, *, relations=(), image_field: str | None = None) -> dict:
    """The form's values for `names` as service keyword arguments: related rows become public ids."""
    fields = {}
    for name in names:
        if name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        if name in relations:
            value = [reference(row) for row in value] if name == "categories" else reference(value)
        fields[name] = value
    if image_field and {"image", "image_url"} & set(names):
        fields.pop("image_url", None)
        fields[image_field] = image_value(form.cleaned_data.get("image"), form.cleaned_data.get("image_url", ""))
    return fields


def names_to_save(form, *, change: bool) -> list[str]:
    """On a change only what the merchant edited (services apply partial updates); on an add every field.

    Django reports a JSON field as changed whenever it is posted, so a value equal to the stored one is left out.
    """
    if not change:
        return list(form.fields)
    return [name for name in form.changed_data if form.cleaned_data.get(name) != form.initial.get(name)]


def preview_html(renditions: dict[str, str]) -> str:
    return format_html('<img src="{}" alt="" style="height:60px;width:60px;object-fit:cover">', renditions["thumb"])


class ImagePreviewMixin:
    """The `image` media picked by autocomplete (the media admin's search) and a thumbnail of the result."""

    @admin.display(description="Preview")
    def image_preview(self, row) -> str:
        return preview_html(image_renditions(row.image, row.image_url))


class ProductImageInline(TabularInline):
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


class OptionGroupInline(TabularInline):
    """Groups are added and edited on their own page, where the matrix is regenerated through the service."""

    model = OptionGroup
    extra = 0
    fields = ["position", "title", "option_titles"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Options")
    def option_titles(self, group: OptionGroup) -> str:
        return ", ".join(option.title for option in group.options.all())


class VariantInline(TabularInline):
    model = Variant
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0
    can_delete = False
    fields = ["title", "price_cents", "promo_price_cents", "stock_quantity", "sku", "barcode", "image", "active"]
    readonly_fields = ["title"]
    autocomplete_fields = ["image"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # variants come from option groups


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


@admin.register(Product)
class ProductAdmin(ServiceAdminMixin, ModelAdmin):
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
        (
            "Shipping",
            {"fields": ["weight", "weight_unit", "weight_grams", "ships", "shipping_cents", "shipping_alone"]},
        ),
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
        names = [name for name in names_to_save(form, change=change) if not (name == "slug" and not obj.slug)]
        fields = service_fields(form, names, relations=("categories", "brand", "seller"))
        if not change:
            saved = services.create_product(**fields)
        elif fields:
            saved = services.update_product(product=obj, **fields)
        else:
            return  # only inlines changed; their services report the change
        obj.pk, obj.public_id, obj.slug = saved.pk, saved.public_id, saved.slug

    def save_related(self, request, form, formsets, change) -> None:
        # Categories were set by the product service with the other fields; only the inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is ProductImage:
            self._save_gallery(form.instance, formset)
        elif formset.model is Variant:
            self._save_variants(formset)
        elif formset.model is DigitalListing:
            formset.save(commit=False)
            for row in formset.forms:
                if row.has_changed() and "game" in row.cleaned_data:
                    digital_services.set_game(product=form.instance, game=row.cleaned_data["game"])
        else:
            formset.save()  # versions save through their own service in VersionInlineForm

    @staticmethod
    def _save_gallery(product: Product, formset) -> None:
        formset.save(commit=False)
        if not formset.has_changed():
            return
        kept = sorted(
            (row for row in formset.forms if row.cleaned_data and not row.cleaned_data.get("DELETE")),
            key=lambda row: row.cleaned_data.get("position") or 0,
        )
        images = []
        for row in kept:
            image = image_value(row.cleaned_data.get("media"), row.cleaned_data.get("external_url", ""))
            if image:
                images.append({**image, "alt": row.cleaned_data.get("alt", "")})
        services.update_product(product=product, images=images)

    @staticmethod
    def _save_variants(formset) -> None:
        formset.save(commit=False)
        for row in formset.forms:
            if not row.instance.pk or not row.has_changed():
                continue
            fields = {name: row.cleaned_data[name] for name in row.changed_data if name != "image"}
            if "image" in row.changed_data:
                fields["image"] = image_value(row.cleaned_data["image"], "")
            try:
                services.update_variant(variant=row.instance, **fields)
            except ShopError as refusal:
                raise type(refusal)(f"Variant “{row.instance.title}”: {refusal.detail}") from refusal

    def delete_model(self, request, obj) -> None:
        services.delete_product(product=obj)

    def delete_queryset(self, request, queryset) -> None:
        for product in queryset:
            services.delete_product(product=product)

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
class CategoryAdmin(ServiceAdminMixin, ImagePreviewMixin, ModelAdmin):
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

    def save_model(self, request, obj, form, change) -> None:
        names = [name for name in names_to_save(form, change=change) if not (name == "slug" and not obj.slug)]
        fields = service_fields(form, names, relations=("parent",), image_field="image")
        saved = services.update_category(category=obj, **fields) if change else services.create_category(**fields)
        obj.pk, obj.public_id, obj.slug = saved.pk, saved.public_id, saved.slug

    def delete_model(self, request, obj) -> None:
        services.delete_category(category=obj)

    def delete_queryset(self, request, queryset) -> None:
        for category in queryset:
            services.delete_category(category=category)


@admin.register(Brand)
class BrandAdmin(ServiceAdminMixin, ImagePreviewMixin, ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "slug", "position", "active"]
    list_filter = ["active"]
    search_fields = ["title", "slug", "public_id"]
    autocomplete_fields = ["image"]
    readonly_fields = ["public_id", "image_preview", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change) -> None:
        names = [name for name in names_to_save(form, change=change) if not (name == "slug" and not obj.slug)]
        fields = service_fields(form, names, image_field="image")
        saved = services.update_brand(brand=obj, **fields) if change else services.create_brand(**fields)
        obj.pk, obj.public_id, obj.slug = saved.pk, saved.public_id, saved.slug

    def delete_model(self, request, obj) -> None:
        services.delete_brand(brand=obj)

    def delete_queryset(self, request, queryset) -> None:
        for brand in queryset:
            services.delete_brand(brand=brand)


@admin.register(Seller)
class SellerAdmin(ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "display_name", "created_at"]
    search_fields = ["name", "display_name", "public_id"]
    readonly_fields = ["public_id", "created_at"]
