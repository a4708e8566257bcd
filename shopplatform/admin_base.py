"""The base classes every admin screen derives from: django-unfold's, plus the project's list defaults.

Apps import `ModelAdmin`, `TabularInline` and `StackedInline` from here, never from `django.contrib.admin` or
`unfold.admin` directly, so a default (pagination, counts, money fields) is set once for every screen.

Counts at size: a changelist counts its rows on every view (Django's paginator runs COUNT(*), and
`show_full_result_count` a second COUNT(*) of the unfiltered table). On a table of a million orders each is a
sequential scan. Every list here therefore asks PostgreSQL's planner first (EXPLAIN, which reads the table
statistics, not the table): past `EstimatedCountPaginator.estimate_above` rows (checked by counting at most that
many) it shows the estimate ("about 1,000,000 orders"); below it, it counts exactly. An exact count of a filtered list of a big table is shared
for a minute among callers with the same SQL (`shared_for_query`, as the product API shares its counts).
Past the same size the date drill-down above a list (`date_hierarchy`) is left out: listing its years is a
DISTINCT over the whole table; the sidebar's date filter stays.

Search at size: a term of a recognisable shape (an e-mail address, a `cus_` id) is matched by one indexed
lookup named in `search_routes` instead of `search_fields`' OR of contains-scans (see ModelAdmin).
"""

import json

from django.contrib import admin
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from unfold import admin as unfold_admin
from unfold.views import ChangeList as UnfoldChangeList

from shopplatform.forms import MoneyFieldsMixin
from shopplatform.query_cache import shared_for_query

ESTIMATE_ABOVE = 10_000
SHARED_COUNT_SECONDS = 60


def planner_row_estimate(queryset) -> int | None:
    """How many rows PostgreSQL's planner expects `queryset` to return (no scan); None on other databases."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    query = queryset.query.clone()
    query.clear_ordering(force=True)
    try:
        sql, params = query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """A paginator that never scans a big table to count it: the planner's estimate past `estimate_above` rows."""

    estimate_above = ESTIMATE_ABOVE
    template_name = "admin/shopplatform/pagination_estimated.html"
    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return super().count
        estimate = planner_row_estimate(queryset)
        if estimate is None:
            return queryset.count()
        if estimate >= self.estimate_above:
            # The planner can overrate a filter; counting at most `estimate_above` rows tells, at a bounded cost.
            bounded = queryset.order_by()[: self.estimate_above].count()
            if bounded < self.estimate_above:
                return bounded
            self.estimated = True
            return estimate
        if queryset.query.where and planner_row_estimate(queryset.model._default_manager.all()) >= self.estimate_above:
            # A narrow filter of a big table: the exact count is cheap enough, and shared among callers for a bit.
            return shared_for_query(queryset, queryset.count, kind="admin-count", seconds=SHARED_COUNT_SECONDS, empty=0)
        return queryset.count()


class ChangeList(UnfoldChangeList):
    """Shows "N results (M total)" on a filtered list with M counted like N, instead of Django's exact scan; leaves
    out the date drill-down of a big table."""

    def __init__(self, request, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        if self.date_hierarchy and (planner_row_estimate(self.root_queryset) or 0) >= ESTIMATE_ABOVE:
            self.date_hierarchy = None

    def get_results(self, request):
        super().get_results(request)
        self.show_full_result_count = True
        if self.has_active_filters or self.query:
            root = self.model_admin.get_paginator(request, self.root_queryset, self.list_per_page)
            self.full_result_count = root.count
        else:
            self.full_result_count = self.result_count


def choices_filter(field_name: str, choices, *, title: str = "") -> type[admin.SimpleListFilter]:
    """A sidebar filter on `field_name` offering the given (value, label) choices, where Django's default for a
    field without choices would list them with a SELECT DISTINCT over the whole table."""

    class ChoicesFilter(admin.SimpleListFilter):
        parameter_name = f"{field_name}__exact"

        def lookups(self, request, model_admin):
            return list(choices)

        def queryset(self, request, queryset):
            value = self.value()
            return queryset.filter(**{field_name: value}) if value else queryset

    ChoicesFilter.title = title or field_name.replace("_", " ")
    return ChoicesFilter


class ModelAdmin(MoneyFieldsMixin, unfold_admin.ModelAdmin):
    """Every changelist and change form of the back-office."""

    paginator = EstimatedCountPaginator
    # Django's own full count is an exact COUNT(*) of the table; ChangeList above counts it the cheap way.
    show_full_result_count = False

    # {shape: lookup}: a search term of that shape ("@" inside it: an e-mail address; otherwise how it starts, e.g.
    # "cus_") is matched by that one lookup alone, which an index answers. E-mail addresses are stored lower-case.
    search_routes: dict[str, str] = {}

    def get_changelist(self, request, **kwargs):
        return ChangeList

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        for shape, lookup in self.search_routes.items():
            if shape == "@" and "@" in term and " " not in term:
                return queryset.filter(**{lookup: term.lower()}), False
            if shape != "@" and term.startswith(shape) and " " not in term:
                return queryset.filter(**{lookup: term}), False
        return super().get_search_results(request, queryset, search_term)


class TabularInline(MoneyFieldsMixin, unfold_admin.TabularInline):
    """Rows edited in a table under their parent."""


class StackedInline(MoneyFieldsMixin, unfold_admin.StackedInline):
    """Rows edited as stacked sub-forms under their parent."""


class SuperuserOnlyMixin:
    """For developer tables (outbox events, deliveries, idempotency records, ledger entries, holds): only superusers
    see or touch them, whatever permissions a staff group holds (docs/back-office.md, roles)."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)
