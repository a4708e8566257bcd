"""GET /news and /news/{id or slug}: published store news, newest first (keys with `news:read`, or anonymous)."""

from rest_framework import mixins

from shopplatform.api.viewsets import ShopGenericViewSet

from ..models import NewsPost
from .news_serializers import NewsPostOutput


class NewsPostViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ShopGenericViewSet):
    """Store news posts. Look one up by id or slug."""

    queryset = NewsPost.objects.none()
    serializer_class = NewsPostOutput
    scope_resource = "news"
    anonymous_methods = ("GET", "HEAD", "OPTIONS")
    public_cache = True
    slug_lookup = True

    def get_queryset(self):
        return NewsPost.objects.published().order_by("-published_at", "-pk")
