"""GET POST DELETE /media and GET DELETE /media/{id}; a trailing slash is optional.

Routed by hand because DELETE on the collection (`?checksum=`) is outside what DRF's routers map.
"""

from django.urls import re_path

from .views import MediaViewSet

media_collection = MediaViewSet.as_view({"get": "list", "post": "create", "delete": "destroy_by_checksum"})
media_item = MediaViewSet.as_view({"get": "retrieve", "delete": "destroy"})

urlpatterns = [
    re_path(r"^media/?$", media_collection, name="media-list"),
    re_path(r"^media/(?P<id>[^/]+)/?$", media_item, name="media-detail"),
]
