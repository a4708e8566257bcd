"""The product screen, read top to bottom: the essentials a merchant fills for every product (title, price,
status, stock, description, images), then the gallery, options and variants, then the rest folded away.

Sections whose fieldset has the "collapse" class are drawn after the inlines, closed
(templates/admin/catalog/product/change_form.html); add a field to the section where a merchant would look for it.
Every write goes through catalog.services (and media_library's intake for dropped images).
"""

from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from media_library import services as media_services
from shopplatform.admin_base import ModelAdmin
from shopplatform.errors import ShopError
from shopplatform.forms import HTTPS_URL_FIELDS, ServiceAdminMixin, money_display

from .. import services
from ..availability import availability
from ..digital import services as digital_services
from ..digital.admin import DigitalListingInline, VersionInline
from ..models import DigitalListing, OptionGroup, Product, ProductImage, ProductStatus, Variant
from ..passports.admin import PassportInline, digital_link_qr
from ..search import SEARCH_VECTOR, WORD
from .common import image_value, names_to_save, preview_html, service_fields
from .extras import EXTRA_AUTOCOMPLETE, EXTRA_READONLY, EXTRA_RELATIONS, EXTRAS_FIELDSET
from .inlines import OptionGroupInline, ProductImageInline, VariantInline
from .product_form import ProductAdminForm

ESSENTIALS = [
    "title",
    "slug",
    "status",
    ("price_cents", "promo_price_cents"),
    ("stock_enabled", "stock_quantity"),
    "sku",
    "description",
    "upload_images",
    "categories",
    "brand",
    "tags",
    ("featured", "new"),
]
CLOSED = ["collapse"]

PRODUCT_FIELDSETS = [
    (None, {"fields": ESSENTIALS}),
    (
        "Prices and tax",
        {
            "classes": CLOSED,
            "fields": [
                "promo_show_percentage",
                ("wholesale_price_cents", "wholesale_only"),
                ("price_on_request", "is_free"),
                ("tax_rate_bp", "taxable"),
            ],
        },
    ),
    (
        "Stock settings",
        {"classes": CLOSED, "fields": [("stock_backorder", "stock_show", "stock_sold_single"), "stock_notify"]},
    ),
    (
        "Shipping",
        {
            "classes": CLOSED,
            "fields": [("weight", "weight_unit", "weight_grams"), "ships", ("shipping_cents", "shipping_alone")],
        },
    ),
    (
        "Identity codes",
        {
            "classes": CLOSED,
            "fields": [
                ("gtin", "barcode"),
                ("ean", "upc"),
                ("model", "variant"),
                ("batch_number", "serial_number"),
                ("size", "colour"),
            ],
        },
    ),
    ("Search engines", {"classes": CLOSED, "fields": ["excerpt", "page_title", "meta_description", "meta_tags"]}),
    ("Links and sales channels", {"classes": CLOSED, "fields": ["video_url", "stripe_payment_link", "channels"]}),
    ("Seller and position", {"classes": CLOSED, "fields": ["seller", "position"]}),
    (
        "Record",
        {
            "classes": CLOSED,
            "fields": ["public_id", ("rating_avg", "rating_count"), ("created_at", "updated_at"), digital_link_qr],
        },
    ),
]


class FoldedDigitalListingInline(DigitalListingInline):
    classes = ["collapse"]  # the marketplace sub-domain's inlines, closed: most products are not downloads


class FoldedVersionInline(VersionInline):
    classes = ["collapse"]


class FoldedPassportInline(PassportInline):
    classes = ["collapse"]


def stock_label(product: Product) -> str:
    """Stock as the store shows it (catalog.availability), always with the units a merchant needs."""
    return availability(product, None, list(product.variants.all()), show_units=True).label


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin, ServiceAdminMixin, ModelAdmin):
    form = ProductAdminForm
    change_form_template = "admin/catalog/product/change_form.html"
    formfield_overrides = HTTPS_URL_FIELDS
    money_fields = {
        "price_cents": "Price",
        "promo_price_cents": "Promotional price",
        "wholesale_price_cents": "Wholesale price",
        "shipping_cents": "Shipping cost",
    }
    percent_fields = {"tax_rate_bp": "Tax rate"}
    list_display = ["thumbnail", "title", "sku", "price", "status", "stock", "featured", "updated_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "featured", "new", "wholesale_only", "stock_enabled", "brand", "categories"]
    search_fields = ["title", "sku", "gtin", "barcode", "public_id", "slug"]
    search_routes = {"prod_": "public_id"}
    autocomplete_fields = ["categories", "brand", "seller", *EXTRA_AUTOCOMPLETE]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "public_id",
        "weight_grams",
        "rating_avg",
        "rating_count",
        "created_at",
        "updated_at",
        digital_link_qr,
        *EXTRA_READONLY,
    ]
    inlines = [
        ProductImageInline,
        OptionGroupInline,
        VariantInline,
        FoldedDigitalListingInline,
        FoldedVersionInline,
        FoldedPassportInline,
    ]
    actions = ["make_active", "make_hidden", "make_featured"]
    fieldsets = [*PRODUCT_FIELDSETS, EXTRAS_FIELDSET]

    price = money_display("price_cents", description="Price")

    # The form's own inputs (tags as text, image drop) have no model attribute of the same meaning: a reader
    # without the change permission sees the tags as text and no drop zone.
    VIEW_ONLY_SWAPS = {"tags": "tag_names", "upload_images": None}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        swapped = []
        for title, options in fieldsets:
            fields = [self.VIEW_ONLY_SWAPS.get(name, name) for name in options["fields"]]
            swapped.append((title, {**options, "fields": [name for name in fields if name]}))
        return swapped

    @admin.display(description="Tags")
    def tag_names(self, product: Product) -> str:
        return ", ".join(tag.name for tag in product.tags.all()) or "—"

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, words through the full-text index (title, SKU, excerpt; each word may be the start of one)
        and codes exactly, so a search never scans the catalog; elsewhere `search_fields`' contains search."""
        words = WORD.findall(search_term)
        if connection.vendor != "postgresql" or not words or search_term.strip().startswith("prod_"):
            return super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        prefixes = SearchQuery(" & ".join(f"{word}:*" for word in words), config="simple", search_type="raw")
        codes = Q(sku=term) | Q(gtin=term) | Q(barcode=term) | Q(slug=term)
        return queryset.annotate(search=SEARCH_VECTOR).filter(Q(search=prefixes) | codes), False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("brand").prefetch_related("images", "variants")

    @admin.display(description="Image")
    def thumbnail(self, product: Product) -> str:
        images = product.images.all()
        if not images:
            return format_html('<span class="sr-only">{}</span>—', product.title)
        return preview_html(images[0].renditions, alt=product.title, size=40)

    @admin.display(description="Stock")
    def stock(self, product: Product) -> str:
        return stock_label(product)

    def save_model(self, request, obj, form, change) -> None:
        names = [
            name
            for name in names_to_save(form, change=change)
            if name != "upload_images" and not (name == "slug" and not obj.slug)
        ]
        fields = service_fields(form, names, relations=("categories", "brand", "seller", *EXTRA_RELATIONS))
        if not change:
            saved = services.create_product(**fields)
        elif fields:
            saved = services.update_product(product=obj, **fields)
        else:
            return  # only inlines changed; their services report the change
        obj.pk, obj.public_id, obj.slug = saved.pk, saved.public_id, saved.slug

    def save_related(self, request, form, formsets, change) -> None:
        # Categories and tags were set by the product service with the other fields; the inlines remain. Option
        # groups come last: they regenerate the variants, whose rows the variant grid's edits name.
        gallery = next((formset for formset in formsets if formset.model is ProductImage), None)
        self._save_gallery(form.instance, gallery, form.cleaned_data.get("upload_images") or [])
        for formset in formsets:
            if formset.model not in (ProductImage, OptionGroup):
                self.save_formset(request, form, formset, change=change)
        for formset in formsets:
            if formset.model is OptionGroup:
                self._save_option_groups(form.instance, formset)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Variant:
            self._save_variants(formset)
        elif formset.model is DigitalListing:
            formset.save(commit=False)
            for row in formset.forms:
                if row.has_changed() and "game" in row.cleaned_data:
                    digital_services.set_game(product=form.instance, game=row.cleaned_data["game"])
        else:
            formset.save()  # versions save through their own service in VersionInlineForm

    @staticmethod
    def _save_gallery(product: Product, formset, uploads: list[tuple[str, bytes]]) -> None:
        """The gallery rows as edited, then the dropped images (stored in the media library) in their order."""
        if formset is not None:
            formset.save(commit=False)
        if formset is not None and formset.has_changed():
            kept = sorted(
                (row for row in formset.forms if row.cleaned_data and not row.cleaned_data.get("DELETE")),
                key=lambda row: row.cleaned_data.get("position") or 0,
            )
            rows = [(row.cleaned_data.get("media"), row.cleaned_data.get("external_url", ""), row) for row in kept]
            images = [
                {**image, "alt": row.cleaned_data.get("alt", "")}
                for media, url, row in rows
                if (image := image_value(media, url))
            ]
        elif uploads:
            images = [
                {**image_value(image.media, image.external_url), "alt": image.alt} for image in product.images.all()
            ]
        else:
            return
        for name, data in uploads:
            media, _created = media_services.add_media_bytes(data=data, name=name)
            images.append({"media": media.public_id, "alt": ""})
        services.update_product(product=product, images=images)

    @staticmethod
    def _save_variants(formset) -> None:
        formset.save(commit=False)
        for row in formset.forms:
            if not row.instance.pk or not row.has_changed():
                continue
            fields = {name: row.cleaned_data[name] for name in row.changed_data}
            try:
                services.update_variant(variant=row.instance, **fields)
            except ShopError as refusal:
                raise type(refusal)(f"Variant “{row.instance.title}”: {refusal.detail}") from refusal

    @staticmethod
    def _save_option_groups(product: Product, formset) -> None:
        """New, edited and removed groups through the option services, which regenerate the variant grid."""
        formset.save(commit=False)
        for row in formset.forms:
            if not row.has_changed() or not row.cleaned_data:
                continue
            group, title = row.instance, row.cleaned_data.get("title")
            options = [{"title": value} for value in row.cleaned_data.get("values", [])]
            try:
                if group.pk and row.cleaned_data.get("DELETE"):
                    services.delete_option_group(group=group)
                elif group.pk:
                    services.update_option_group(group=group, title=title, options=options)
                elif not row.cleaned_data.get("DELETE"):
                    services.create_option_group(product=product, title=title, options=options)
            except ShopError as refusal:
                raise type(refusal)(f"Option group “{title}”: {refusal.detail}") from refusal

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
