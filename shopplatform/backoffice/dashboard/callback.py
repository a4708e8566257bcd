"""unfold's DASHBOARD_CALLBACK: the admin home's panels, each shown only to staff allowed to open the list it
links to (a Catalog editor sees stock and reviews, not sales)."""

import json
from urllib.parse import urlencode

from django.urls import reverse

from shopplatform.forms import money, store_money
from shopplatform.money import to_decimal

from . import queries

ORDERS, PRODUCTS, REVIEWS, ENDPOINTS = (
    "orders.view_order",
    "catalog.view_product",
    "catalog.view_review",
    "webhooks.view_webhookendpoint",
)


def changelist(model: str, **filters) -> str:
    """The admin list of `model` ("orders.order"), filtered by `filters` (field lookups, as the list's URL takes)."""
    app_label, model_name = model.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def change_page(model: str, pk: int) -> str:
    app_label, model_name = model.split(".")
    return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])


def statuses(values) -> str:
    return ",".join(str(value) for value in values)


def dashboard_callback(request, context: dict) -> dict:
    user = request.user
    panels = {}
    if user.has_perm(ORDERS):
        panels.update(_sales_panels())
    if user.has_perm(PRODUCTS):
        panels["low_stock"] = _low_stock()
    if user.has_perm(ORDERS) and user.has_perm(PRODUCTS):
        panels["best_sellers"] = _best_sellers()
    if user.has_perm(REVIEWS):
        panels["reviews"] = _reviews()
    if user.has_perm(ENDPOINTS):
        panels["webhooks"] = _webhooks()
    context.update({"dashboard": panels, "title": "Dashboard"})
    return context


def _sales_panels() -> dict:
    currency = store_money()[0]
    sold = statuses(queries.SOLD)
    periods = [
        {
            "name": period.name,
            "orders": period.orders,
            "sales": money(period.sales_cents, currency),
            "href": changelist("orders.order", created_at__gte=period.start.isoformat(), status__in=sold),
        }
        for period in queries.sales_periods(currency)
    ]
    days = queries.daily_sales(currency)
    chart = {
        "labels": [day.strftime("%d %b") for day, _, _ in days],
        "datasets": [
            {
                "label": f"Sales ({currency})",
                "data": [float(to_decimal(sales, currency)) for _, _, sales in days],
                "backgroundColor": "var(--color-primary-600)",
            }
        ],
    }
    total_cents = sum(sales for _, _, sales in days)
    waiting = queries.orders_waiting()
    waiting_links = {
        "new": changelist("orders.order", status__in=statuses(queries.NEW)),
        "to fulfil": changelist("orders.order", status__in=statuses(queries.TO_FULFIL)),
        "awaiting payment": changelist("orders.order", status__in=statuses(queries.AWAITING_PAYMENT)),
    }
    return {
        "periods": periods,
        "chart": json.dumps(chart),
        "chart_summary": f"Sales of the last {len(days)} days: {money(total_cents, currency)} in all.",
        "waiting": [{"label": label, "count": count, "href": waiting_links[label]} for label, count in waiting.items()],
    }


def _low_stock() -> dict:
    rows = [
        {"title": row.title, "quantity": row.quantity, "href": change_page("catalog.product", row.product_pk)}
        for row in queries.low_stock()
    ]
    return {"rows": rows, "href": changelist("catalog.product", stock_enabled__exact=1, stock_quantity__lte=0)}


def _best_sellers() -> dict:
    rows = [
        {
            "title": row.title,
            "quantity": row.quantity,
            "sales": money(row.sales_cents),
            "href": change_page("catalog.product", row.product_pk) if row.product_pk else "",
        }
        for row in queries.best_sellers(store_money()[0])
    ]
    return {"rows": rows}


def _reviews() -> dict:
    rows = [
        {
            "product": review.product.title,
            "rating": review.rating,
            "author": getattr(review.customer, "name", "") or "Guest",
            "hidden": review.hidden,
            "href": change_page("catalog.review", review.pk),
        }
        for review in queries.recent_reviews()
    ]
    return {"rows": rows, "href": changelist("catalog.review")}


def _webhooks() -> dict:
    count, endpoints = queries.failing_endpoints()
    rows = [
        {
            "url": endpoint.url,
            "since": endpoint.failing_since,
            "href": change_page("webhooks.webhookendpoint", endpoint.pk),
        }
        for endpoint in endpoints
    ]
    return {"count": count, "rows": rows, "href": changelist("webhooks.webhookendpoint", failing_since__isnull="False")}
