"""Query filters of the orders list and the coupons list.

`date_filter` (today, yesterday, last_week = the last 7 days, last_month = the last 30 days, both including today),
`date_from` and `date_to` (inclusive dates) all apply to the timestamp `date_type` names: created_at (default),
updated_at (the older spelling `update_at` accepted), paid_at or sent_at. Dates are days of the server time zone (UTC).
"""

from datetime import datetime, time, timedelta

import django_filters as filters
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from .models import STATUS_BY_CODE, Coupon, Order, OrderStatus

DATE_FILTERS = ("today", "yesterday", "last_week", "last_month")
DATE_TYPES = {
    "created_at": "created_at",
    "updated_at": "updated_at",
    "update_at": "updated_at",
    "paid_at": "paid_at",
    "sent_at": "sent_at",
}
ALL_STATUSES = {"0", "all"}


def parse_statuses(value: str, *, param: str) -> set[str] | None:
    """Comma-separated names or codes 1-11; None when `0`/`all` asks for every status. Raise ValidationError."""
    names = [item.strip().lower() for item in value.split(",") if item.strip()]
    if not names or ALL_STATUSES & set(names):
        return None
    statuses = set()
    for name in names:
        if name.isdigit() and int(name) in STATUS_BY_CODE:
            statuses.add(STATUS_BY_CODE[int(name)])
        elif name in OrderStatus.values:
            statuses.add(name)
        else:
            raise ValidationError({param: [f"'{name}' is not an order status (names or codes 0-11)."]})
    return statuses


class OrderFilter(filters.FilterSet):
    ids = filters.CharFilter(method="filter_ids", help_text="Comma-separated `ord_` ids.")
    status = filters.CharFilter(method="filter_status", help_text="Comma-separated codes 0-11 or names; 0/all = any.")
    status_alias = filters.CharFilter(method="filter_status", help_text="Alias of `status`.")
    paid = filters.BooleanFilter()
    date_filter = filters.ChoiceFilter(choices=[(name, name) for name in DATE_FILTERS], method="filter_nothing")
    date_from = filters.DateFilter(method="filter_nothing", help_text="yyyy-mm-dd, inclusive.")
    date_to = filters.DateFilter(method="filter_nothing", help_text="yyyy-mm-dd, inclusive.")
    date_type = filters.ChoiceFilter(
        choices=[(name, name) for name in DATE_TYPES], method="filter_nothing", help_text="Default created_at."
    )
    coupon_code = filters.CharFilter(field_name="coupon_code", lookup_expr="iexact")
    email = filters.CharFilter(field_name="email", lookup_expr="iexact")
    number = filters.CharFilter(method="filter_number", help_text="Order number, with or without '#' (1042, #1042).")
    customer = filters.CharFilter(field_name="customer__public_id", help_text="`cus_` id (staff keys).")

    class Meta:
        model = Order
        fields: list[str] = []

    def filter_ids(self, queryset, name, value):
        return queryset.filter(public_id__in=[item.strip() for item in value.split(",") if item.strip()])

    def filter_number(self, queryset, name, value):
        digits = value.strip().lstrip("#")
        return queryset.filter(number=int(digits)) if digits.isdigit() and len(digits) <= 9 else queryset.none()

    def filter_status(self, queryset, name, value):
        statuses = parse_statuses(value, param=name)
        return queryset if statuses is None else queryset.filter(status__in=statuses)

    def filter_nothing(self, queryset, name, value):
        return queryset  # the date parameters combine in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        field = DATE_TYPES[data.get("date_type") or "created_at"]
        start, end = date_window(data.get("date_filter") or None)
        if data.get("date_from"):
            start = max(filter(None, (start, _day_start(data["date_from"]))))
        if data.get("date_to"):
            end = min(filter(None, (end, _day_start(data["date_to"] + timedelta(days=1)))))
        condition = Q()
        if start is not None:
            condition &= Q(**{f"{field}__gte": start})
        if end is not None:
            condition &= Q(**{f"{field}__lt": end})
        return queryset.filter(condition) if condition else queryset


def date_window(name: str | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) of a named window in the current time zone; (None, None) for no name."""
    if name is None:
        return None, None
    today = timezone.localdate()
    tomorrow = _day_start(today + timedelta(days=1))
    if name == "today":
        return _day_start(today), tomorrow
    if name == "yesterday":
        return _day_start(today - timedelta(days=1)), _day_start(today)
    days = 7 if name == "last_week" else 30
    return _day_start(today - timedelta(days=days - 1)), tomorrow


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class CouponFilter(filters.FilterSet):
    code = filters.CharFilter(field_name="code", lookup_expr="iexact", help_text="Any letter case.")
    type = filters.ChoiceFilter(choices=Coupon.Type.choices)

    class Meta:
        model = Coupon
        fields: list[str] = []
