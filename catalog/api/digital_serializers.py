"""Wire format of versions, downloads and claims (seed 004 names: `release_notes_html`, `file_size`,
`download_count`). Inputs check shape; the tag, channel and size rules live in catalog.services.digital."""

from rest_framework import serializers

from ..models import VersionChannel
from ..models.digital import VERSION_TAG_MAX_LENGTH

NOTES_MAX_LENGTH = 100_000


class VersionOutput(serializers.Serializer):
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


class LatestVersionOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    version_tag = serializers.CharField()
    channel = serializers.ChoiceField(choices=VersionChannel.choices)


class VersionFields(serializers.Serializer):
    version_tag = serializers.CharField(max_length=VERSION_TAG_MAX_LENGTH, help_text="e.g. 1.2.0 or 2.0.0-beta.1")
    channel = serializers.ChoiceField(choices=VersionChannel.choices, default=VersionChannel.STABLE)
    release_notes_html = serializers.CharField(
        max_length=NOTES_MAX_LENGTH, required=False, allow_blank=True, default="", trim_whitespace=False
    )
    filename = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class VersionJsonInput(VersionFields):
    file = serializers.CharField(trim_whitespace=False, help_text="The file's bytes, base64-encoded.")


class VersionMultipartInput(VersionFields):
    file = serializers.FileField(allow_empty_file=False)


class VersionUpdateInput(serializers.Serializer):
    """Send `yanked: true` to yank (hide without deleting), `false` to restore."""

    yanked = serializers.BooleanField(required=False)
    channel = serializers.ChoiceField(choices=VersionChannel.choices, required=False)
    release_notes_html = serializers.CharField(max_length=NOTES_MAX_LENGTH, required=False, allow_blank=True)


class OwnershipOutput(serializers.Serializer):
    product_id = serializers.CharField(source="product.public_id")
    source = serializers.CharField(help_text="claim (a free product) or grant (by staff).")
    created_at = serializers.DateTimeField()
