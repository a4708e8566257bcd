import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Customer


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """`true` or `false`; anything else is a 400 rather than silently ignored (django-filter's BooleanFilter)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=[("true", "true"), ("false", "false")], coerce=lambda value: value == "true", **kwargs)


class CustomerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", max_length=200, help_text="Part of the name or e-mail.")
    email = django_filters.CharFilter(field_name="email", lookup_expr="iexact", max_length=254)
    newsletter = StrictBooleanFilter()
    wholesale = StrictBooleanFilter()

    class Meta:
        model = Customer
        fields = ["q", "email", "newsletter", "wholesale"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))
