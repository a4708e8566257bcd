"""How categories and brands render, in API responses and wherever a product embeds them.

Storefront links (`url`, `permalink`) are absolute URLs from the product_context of the response.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.serializers import Serializer

from ..queries import ancestors
from .images import ImageSourceMixin


class TaxonomyLinkOutput(Serializer):
    """A category or brand reference with the absolute URL of its store page."""

    id = serializers.CharField(source="public_id")
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The store page.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, row) -> str:
        return self.page_url(row.slug)

    def page_url(self, slug: str) -> str:
        raise NotImplementedError


class CategoryLinkOutput(TaxonomyLinkOutput):
    def page_url(self, slug: str) -> str:
        return self.context["links"].category(slug)


class BrandLinkOutput(TaxonomyLinkOutput):
    def page_url(self, slug: str) -> str:
        return self.context["links"].brand(slug)


class CategoryRefOutput(ImageSourceMixin, CategoryLinkOutput):
    parent = serializers.CharField(source="parent.public_id", allow_null=True, default=None)
    image = serializers.SerializerMethodField(
        help_text="Image object (thumb, square, full); placeholders when none (never [])."
    )


class CategorySummaryOutput(ImageSourceMixin, CategoryLinkOutput):
    """A category as child entries (every category field but `children`) and search hits show it."""

    permalink = serializers.SerializerMethodField(help_text="Same as `url`.")
    parent = serializers.CharField(source="parent.public_id", allow_null=True, default=None)
    is_parent = serializers.SerializerMethodField(help_text="A top-level category.")
    is_child = serializers.SerializerMethodField()
    description = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="Image object (thumb, square, full); placeholders when none.")
    position = serializers.IntegerField()
    active = serializers.BooleanField()
    page_title = serializers.SerializerMethodField()
    meta_description = serializers.CharField()
    meta_tags = serializers.CharField()
    num_products = serializers.IntegerField(help_text="Publicly visible products.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, category) -> str:
        return self.get_url(category)

    def get_is_parent(self, category) -> bool:
        return category.parent_id is None

    def get_is_child(self, category) -> bool:
        return category.parent_id is not None

    def get_page_title(self, category) -> str:
        return category.page_title or category.title


class CategoryOutput(CategorySummaryOutput):
    parent_title = serializers.CharField(source="parent.title", allow_null=True, default=None)
    parents = serializers.SerializerMethodField(help_text="Ancestors, root first.")
    children = CategorySummaryOutput(many=True, help_text="Direct children; fetch a child for its own children.")
    image_media = serializers.SerializerMethodField()
    image_url = serializers.CharField(help_text="External image URL; empty for a media image or none.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(CategoryLinkOutput(many=True))
    def get_parents(self, category) -> list[dict]:
        return CategoryLinkOutput(
            ancestors(category, self.context["category_tree"]), many=True, context=self.context
        ).data


class BrandOutput(ImageSourceMixin, BrandLinkOutput):
    permalink = serializers.SerializerMethodField(help_text="Same as `url`.")
    description = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="Image object (thumb, square, full); placeholders when none.")
    image_media = serializers.SerializerMethodField()
    image_url = serializers.CharField(help_text="External image URL; empty for a media image or none.")
    position = serializers.IntegerField()
    active = serializers.BooleanField()
    page_title = serializers.SerializerMethodField()
    meta_description = serializers.CharField()
    meta_tags = serializers.CharField()
    num_products = serializers.IntegerField(help_text="Publicly visible products.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, brand) -> str:
        return self.get_url(brand)

    def get_page_title(self, brand) -> str:
        return brand.page_title or brand.title
