"""How versions and ownerships render in the API (a product's `latest_version` renders with the product).

Field names follow the marketplace's published format: `release_notes_html`, `file_size`, `download_count`.
"""

from rest_framework import serializers

from shopplatform.api.serializers import Serializer

from .models import VersionChannel


class VersionOutput(Serializer):
    id = serializers.CharField(source="public_id")
    product_id = serializers.CharField(source="product.public_id")
    version_tag = serializers.CharField(help_text="Semantic version (SemVer 2.0.0).")
    channel = serializers.ChoiceField(choices=VersionChannel.choices)
    release_notes_html = serializers.CharField(help_text="Sanitized HTML.")
    file_size = serializers.IntegerField(source="size_bytes", help_text="Bytes.")
    filename = serializers.CharField(source="download_filename")
    download_count = serializers.IntegerField()
    yanked = serializers.BooleanField()
    yanked_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class OwnershipOutput(Serializer):
    product_id = serializers.CharField(source="product.public_id")
    source = serializers.CharField(help_text="claim (a free product) or grant (by staff).")
    created_at = serializers.DateTimeField()
