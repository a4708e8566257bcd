"""Wire format of store news posts (the body is HTML sanitized when saved)."""

from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.links import absolute_url


class NewsPostOutput(Serializer):
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
        return absolute_url(post.get_absolute_url())
