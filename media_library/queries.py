"""Querysets of the media API and admin."""

from django.db.models import QuerySet

from .models import Media


def media_list() -> QuerySet[Media]:
    """Media newest first, with the media an alias points at (its files give the URLs)."""
    return Media.objects.select_related("duplicate_of").order_by("-created_at", "-pk")
