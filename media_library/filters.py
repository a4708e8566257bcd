"""Filters of GET /media: `q` (name contains), `type` (all image file), `checksum`, `status`."""

import django_filters

from .models import Media


class MediaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="original_name", lookup_expr="icontains", help_text="Name contains.")
    type = django_filters.ChoiceFilter(
        choices=[("all", "All"), *Media.Kind.choices],
        method="filter_type",
        help_text="`all` (default), `image`, `file`.",
    )
    checksum = django_filters.CharFilter(method="filter_checksum", help_text="MD5 of the bytes.")
    status = django_filters.ChoiceFilter(choices=Media.Status.choices)

    class Meta:
        model = Media
        fields = ["q", "type", "checksum", "status"]

    def filter_type(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(kind=value)

    def filter_checksum(self, queryset, name, value):
        return queryset.filter(checksum=value.strip().lower())
