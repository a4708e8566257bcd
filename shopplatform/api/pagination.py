"""The two list envelopes of the API.

Page lists (catalog-style): `?page=1&limit=25` (limit 1..max_limit, default 25; outside → 400) answer
`{"data", "has_more", "page", "limit", "total", "total_pages"}` with `X-Total-Count` and an RFC 8288 `Link`.

Cursor lists (append-only, newest first): `?limit=25&starting_after=<id>` or `&ending_before=<id>` answer
`{"data", "has_more", "next_cursor"}`; `next_cursor` is the id of the last item when more follow.
"""

import math
from types import SimpleNamespace

from django.db.models import Q
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from shopplatform.query_cache import shared_answer, shared_for_query

from ..links import absolute_url


class InvalidPagination(exceptions.ValidationError):
    problem_code = "invalid_pagination"
    problem_title = "Invalid pagination parameter"

    def __init__(self, param: str, message: str) -> None:
        super().__init__({param: [message]})
        self.param = param


def parse_bounded_int(request, param: str, *, default: int, minimum: int, maximum: int | None) -> int:
    raw = request.query_params.get(param)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidPagination(param, f"`{param}` must be an integer.") from None
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise InvalidPagination(param, f"`{param}` must be {bound}.")
    return value


class PagePagination(BasePagination):
    default_limit = 25
    max_limit = 100

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = parse_bounded_int(
            request, "limit", default=self.default_limit, minimum=1, maximum=getattr(view, "max_limit", self.max_limit)
        )
        self.page = parse_bounded_int(request, "page", default=1, minimum=1, maximum=None)
        self.total = self._count(queryset, request, view)
        offset = (self.page - 1) * self.limit
        # The first page is always read: a count shared from before the first rows existed must not hide them.
        page = list(queryset[offset : offset + self.limit]) if offset < self.total or offset == 0 else []
        if page or offset == 0:  # a shared count may be a minute old: keep it consistent with the rows at hand
            self.total = offset + len(page) if len(page) < self.limit else max(self.total, offset + len(page))
        return page

    def _count(self, queryset, request, view) -> int:
        """COUNT(*) of the list. Views with `count_cache_seconds` share it for that long among anonymous callers,
        whose responses are publicly cacheable anyway; keyed callers always get the exact count."""
        seconds = getattr(view, "count_cache_seconds", 0)
        if not seconds or request.auth is not None:
            return queryset.count()
        count_key = getattr(queryset, "count_key", None)  # a page source that names its count (documents.PlainPage)
        if count_key is not None:
            return shared_answer(count_key, queryset.count, seconds=seconds)
        # Keyed without the ordering: every ordering of the same filters shares one count.
        return shared_for_query(queryset.order_by(), queryset.count, kind="list-count", seconds=seconds, empty=0)

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total / self.limit) if self.total else 0

    def get_paginated_response(self, data):
        has_more = self.page < self.total_pages
        body = {
            "data": data,
            "has_more": has_more,
            "page": self.page,
            "limit": self.limit,
            "total": self.total,
            "total_pages": self.total_pages,
        }
        headers = {"X-Total-Count": str(self.total)}
        links = []
        url = absolute_url(self.request.get_full_path())
        if has_more:
            links.append(f'<{replace_query_param(url, "page", self.page + 1)}>; rel="next"')
        if 1 < self.page <= self.total_pages + 1:
            links.append(f'<{replace_query_param(url, "page", self.page - 1)}>; rel="prev"')
        if links:
            headers["Link"] = ", ".join(links)
        return Response(body, headers=headers)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["data", "has_more", "page", "limit", "total", "total_pages"],
            "properties": {
                "data": schema,
                "has_more": {"type": "boolean"},
                "page": {"type": "integer", "minimum": 1},
                "limit": {"type": "integer", "minimum": 1},
                "total": {"type": "integer", "minimum": 0},
                "total_pages": {"type": "integer", "minimum": 0},
            },
        }

    def get_schema_operation_parameters(self, view):
        maximum = getattr(view, "max_limit", self.max_limit)
        return [
            _query_parameter("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
            _query_parameter(
                "limit", "Items per page.", {"type": "integer", "minimum": 1, "maximum": maximum, "default": 25}
            ),
        ]


class CursorPagination(BasePagination):
    """Newest first by (`created_at`, pk); cursors are public ids of items in the same list."""

    default_limit = 25
    max_limit = 100
    ordering = ("-created_at", "-pk")
    cursor_field = "public_id"

    def paginate_queryset(self, queryset, request, view=None):
        self.limit = parse_bounded_int(request, "limit", default=self.default_limit, minimum=1, maximum=self.max_limit)
        after = request.query_params.get("starting_after")
        before = request.query_params.get("ending_before")
        if after and before:
            raise InvalidPagination("ending_before", "Use either `starting_after` or `ending_before`, not both.")
        queryset = queryset.order_by(*self.ordering)
        if before:
            anchor = self._anchor(queryset, "ending_before", before)
            newer = Q(created_at__gt=anchor.created_at) | Q(created_at=anchor.created_at, pk__gt=anchor.pk)
            page = list(queryset.filter(newer).order_by("created_at", "pk")[: self.limit + 1])
            self.has_more = len(page) > self.limit
            page = list(reversed(page[: self.limit]))
        else:
            if after:
                anchor = self._anchor(queryset, "starting_after", after)
                older = Q(created_at__lt=anchor.created_at) | Q(created_at=anchor.created_at, pk__lt=anchor.pk)
                queryset = queryset.filter(older)
            page = list(queryset[: self.limit + 1])
            self.has_more = len(page) > self.limit
            page = page[: self.limit]
        self.next_cursor = getattr(page[-1], self.cursor_field) if page and self.has_more else None
        return page

    def _anchor(self, queryset, param: str, value: str):
        # values() rather than only(): list querysets may carry select_related, which only() refuses.
        row = queryset.filter(**{self.cursor_field: value}).values("pk", "created_at").first()
        if row is None:
            raise InvalidPagination(param, f"`{value}` is not an item of this list.")
        return SimpleNamespace(**row)

    def get_paginated_response(self, data):
        return Response({"data": data, "has_more": self.has_more, "next_cursor": self.next_cursor})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["data", "has_more", "next_cursor"],
            "properties": {
                "data": schema,
                "has_more": {"type": "boolean"},
                "next_cursor": {"type": ["string", "null"]},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            _query_parameter(
                "limit", "Items per page.", {"type": "integer", "minimum": 1, "maximum": self.max_limit, "default": 25}
            ),
            _query_parameter("starting_after", "Id of an item: list the older ones after it.", {"type": "string"}),
            _query_parameter("ending_before", "Id of an item: list the newer ones before it.", {"type": "string"}),
        ]


def _query_parameter(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "required": False, "in": "query", "description": description, "schema": schema}
