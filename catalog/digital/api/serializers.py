"""Wire format of version uploads and updates. Inputs check shape; the tag, channel and size rules live in
catalog.digital.services. Versions and ownerships render through catalog.digital.representations."""

from rest_framework import serializers

from shopplatform.api.strict import StrictInput

from ..models import VERSION_TAG_MAX_LENGTH, VersionChannel

NOTES_MAX_LENGTH = 100_000


class VersionFields(StrictInput):
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


class VersionUpdateInput(StrictInput):
    """Send `yanked: true` to yank (hide without deleting), `false` to restore."""

    yanked = serializers.BooleanField(required=False)
    channel = serializers.ChoiceField(choices=VersionChannel.choices, required=False)
    release_notes_html = serializers.CharField(max_length=NOTES_MAX_LENGTH, required=False, allow_blank=True)
