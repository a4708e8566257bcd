"""Wire format of store news posts (the body is HTML sanitized when saved)."""

from rest_framework import serializers


class NewsPostOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    slug = serializers.CharField()
    title = serializers.CharField()
    excerpt = serializers.CharField()
    body = serializers.CharField(help_text="Sanitized HTML.")
    url = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_url(self, post) -> str:
        """The post's store page."""
        request = self.context.get("request")
        path = post.get_absolute_url()
        return request.build_absolute_uri(path) if request else path
