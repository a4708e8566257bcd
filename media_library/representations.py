"""How a media file is rendered, the same way in API responses and in `media.processed` event payloads."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.serializers import Serializer

from .models import Media
from .renditions import original_url, rendition_urls


class RenditionUrlsOutput(Serializer):
    thumb = serializers.URLField(help_text="Fits 150x150.")
    square = serializers.URLField(help_text="Centre crop, up to 600x600.")
    full = serializers.URLField(help_text="Fits 2048x2048.")


class MediaOutput(Serializer):
    """A media file. `url` shows placeholder images until an image is ready."""

    id = serializers.CharField(source="public_id")
    # An alias (duplicate_of set) reports the state of the media holding its bytes.
    status = serializers.ChoiceField(source="stored.status", choices=Media.Status.choices)
    error = serializers.CharField(source="stored.error", help_text="Why processing failed; empty otherwise.")
    type = serializers.ChoiceField(source="kind", choices=Media.Kind.choices, allow_null=True)
    checksum = serializers.CharField(allow_null=True, help_text="MD5 of the bytes; null until a URL is fetched.")
    file_name = serializers.CharField(source="original_name")
    file_type = serializers.CharField(source="mime_type", allow_null=True, help_text="Sniffed from the content.")
    file_ext = serializers.CharField(source="extension", allow_null=True, help_text='With the dot: ".jpg".')
    size_bytes = serializers.IntegerField(allow_null=True)
    image_width = serializers.IntegerField(source="width", allow_null=True)
    image_height = serializers.IntegerField(source="height", allow_null=True)
    source_url = serializers.CharField(help_text="The URL it was fetched from; empty for uploaded bytes.")
    duplicate_of = serializers.CharField(
        source="duplicate_of.public_id", allow_null=True, help_text="The media holding the same bytes (URL uploads)."
    )
    url = serializers.SerializerMethodField()
    original_url = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    processed_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(RenditionUrlsOutput)
    def get_url(self, media: Media) -> dict:
        return rendition_urls(media)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_original_url(self, media: Media) -> str | None:
        return original_url(media)
