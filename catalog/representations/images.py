"""How catalog images render: gallery images and the single `image` of variants, categories and brands.

Every image renders as {"thumb", "square", "full"}: the media's renditions, an external URL, or placeholders.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from media_library.representations import RenditionUrlsOutput

from ..models.products import image_renditions


class ProductImageOutput(RenditionUrlsOutput):
    """One gallery image: its source (`media` id or external `url`), alt text and renditions."""

    media = serializers.CharField(allow_null=True, help_text="The media id (med_…); null for an external image.")
    url = serializers.URLField(allow_null=True, help_text="The external URL; null for a media image.")
    alt = serializers.CharField()

    def to_representation(self, image) -> dict:
        # One renditions call per image (it builds storage URLs), not one per field.
        return {
            "media": image.media.public_id if image.media_id else None,
            "url": image.external_url or None,
            "alt": image.alt,
            **image.renditions,
        }


class ImageSourceMixin:
    """`image` (the image object), `image_media` and `image_url` of a row with an `image` media FK and `image_url`."""

    @extend_schema_field(RenditionUrlsOutput)
    def get_image(self, row) -> dict:
        return image_renditions(row.image, row.image_url)

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="The linked media id (med_…)."))
    def get_image_media(self, row) -> str | None:
        return row.image.public_id if row.image_id else None
