from rest_framework import serializers

from shopplatform.api.strict import StrictInput


class MediaJsonInput(StrictInput):
    """Exactly one of `url` and `file` (base64, a `data:` URI prefix allowed)."""

    url = serializers.URLField(required=False, max_length=2048, help_text="An http(s) URL to fetch.")
    file = serializers.CharField(required=False, trim_whitespace=False, help_text="The bytes, base64-encoded.")
    name = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")

    def validate(self, data):
        if ("url" in data) == ("file" in data):
            raise serializers.ValidationError("Send exactly one of `url` and `file`.")
        return data


class MediaMultipartInput(StrictInput):
    file = serializers.FileField(allow_empty_file=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")
