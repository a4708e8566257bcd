"""Time every admin list, its search, one filter and one change page in process (test client, superuser).

Each page is fetched once to warm per-process caches, then `repeat` times; the figure is the median, with the
number of SQL queries of one view.
"""

import statistics
import time
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

# What a merchant types into each big list's search box, and one filter they click.
SEARCHES = {
    "catalog.Product": "oak",
    "orders.Order": "100042",
    "accounts.Customer": "customer4242@example.com",
    "wallet.LedgerEntry": "customer4242@example.com",
    "wallet.Wallet": "customer4242@example.com",
    "orders.Cart": "customer4242@example.com",
    "catalog.Review": "customer4242@example.com",
}
FILTERS = {
    "catalog.Product": "status__exact=active",
    "orders.Order": "status__exact=processing",
    "accounts.Customer": "newsletter__exact=1",
    "wallet.LedgerEntry": "kind__exact=purchase",
}
SKIP = {"store.Store"}  # a singleton: its list redirects to its one page


@dataclass
class Timing:
    page: str
    url: str
    status: int
    milliseconds: float
    queries: int

    def row(self) -> str:
        flag = "" if self.milliseconds < 1000 and self.status == 200 else "  <-- SLOW" if self.status == 200 else ""
        queries = f"{self.queries:>4} queries" if self.queries >= 0 else ""
        return f"{self.page:<42} {self.status:>3} {self.milliseconds:>8.1f} ms {queries}{flag}"


def superuser():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.com"}
    )
    return user


def time_page(client: Client, page: str, url: str, *, repeat: int) -> Timing:
    client.get(url)
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return Timing(page, url, response.status_code, statistics.median(durations), len(captured))


def _first_filter(model_admin) -> str | None:
    for item in model_admin.list_filter:
        if isinstance(item, str) and "__" not in item:
            field = model_admin.model._meta.get_field(item)
            if field.choices:
                return f"{item}__exact={field.choices[0][0]}"
            if field.get_internal_type() == "BooleanField":
                return f"{item}__exact=1"
    return None


def pages(labels=None):
    """(page name, url) for every registered list, its search, a filter and the change page of its newest row."""
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        label = model._meta.label
        if label in SKIP or (labels and label not in labels):
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        yield f"{label} list", changelist
        if model_admin.search_fields:
            yield f"{label} search", f"{changelist}?q={SEARCHES.get(label, 'oak')}"
        query = FILTERS.get(label) or _first_filter(model_admin)
        if query:
            yield f"{label} filter", f"{changelist}?{query}"
        newest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        if newest is not None:
            yield (
                f"{label} change",
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[newest]),
            )
    yield "admin index", reverse("admin:index")


def run(*, repeat: int, labels=None) -> list[Timing]:
    client = Client()
    client.force_login(superuser())
    return [time_page(client, page, url, repeat=repeat) for page, url in pages(labels)]
