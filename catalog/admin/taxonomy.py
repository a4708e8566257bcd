"""Categories, brands and sellers; categories and brands write through the taxonomy services."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from shopplatform.admin_base import ModelAdmin
from shopplatform.forms import HTTPS_URL_FIELDS, ServiceAdminMixin

from .. import services
from ..models import Brand, Category, Seller
from .common import ImagePreviewMixin, names_to_save, service_fields


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
    autocomplete_fields = ["user"]  # every account would otherwise fill the <select>
