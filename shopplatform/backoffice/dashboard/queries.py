"""The dashboard's figures: one aggregate query per panel, none per row.

Sales are the totals of orders placed in the period in the store's currency, canceled orders excluded (a refund
does not take a sale back out here: the order list shows refunds). Periods end now and start at local midnight:
"today", "7 days" (today and the six days before), "30 days".
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from catalog.models import Product, ProductStatus, Review, Variant
from orders.models import Order, OrderLine, OrderStatus
from webhooks.models import WebhookEndpoint

PERIOD_DAYS = {"today": 1, "7 days": 7, "30 days": 30}
CHART_DAYS = 30
LIST_SIZE = 5
TO_FULFIL = (OrderStatus.PROCESSING, OrderStatus.WAITING_STOCK, OrderStatus.WAITING_SHIPMENT)
AWAITING_PAYMENT = (OrderStatus.WAITING_PAYMENT,)
NEW = (OrderStatus.PENDING,)
# Orders that count as sales: placed and not canceled.
SOLD = tuple(status for status in OrderStatus if status != OrderStatus.CANCELED)
LISTED = (ProductStatus.ACTIVE, ProductStatus.OUT_OF_STOCK, ProductStatus.SOON)


@dataclass(frozen=True)
class Period:
    name: str
    start: datetime
    orders: int
    sales_cents: int


@dataclass(frozen=True)
class StockRow:
    product_pk: int
    title: str
    quantity: int
    threshold: int


@dataclass(frozen=True)
class BestSeller:
    product_pk: int | None
    title: str
    quantity: int
    sales_cents: int


def period_start(days: int, today: date | None = None) -> datetime:
    """Local midnight `days - 1` days before today, as an aware datetime."""
    today = today or timezone.localdate()
    return timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time.min))


def sales_periods(currency: str) -> list[Period]:
    """Orders placed and their total, for today, 7 and 30 days (one query)."""
    starts = {name: period_start(days) for name, days in PERIOD_DAYS.items()}
    sold = Order.objects.filter(status__in=SOLD, currency=currency, created_at__gte=min(starts.values()))
    aggregates = {}
    for index, start in enumerate(starts.values()):
        within = Q(created_at__gte=start)
        aggregates[f"orders_{index}"] = Count("pk", filter=within)
        aggregates[f"sales_{index}"] = Coalesce(Sum("total_cents", filter=within), 0)
    totals = sold.aggregate(**aggregates)
    return [
        Period(name, start, totals[f"orders_{index}"], totals[f"sales_{index}"])
        for index, (name, start) in enumerate(starts.items())
    ]


def daily_sales(currency: str, days: int = CHART_DAYS) -> list[tuple[date, int, int]]:
    """(day, orders, sales in minor units) for each of the last `days` days, oldest first, empty days as zero."""
    start = period_start(days)
    rows = (
        Order.objects.filter(status__in=SOLD, currency=currency, created_at__gte=start)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(orders=Count("pk"), sales=Sum("total_cents"))
    )
    by_day = {row["day"]: (row["orders"], row["sales"]) for row in rows}
    first = timezone.localdate(start)
    return [(day, *by_day.get(day, (0, 0))) for day in (first + timedelta(days=n) for n in range(days))]


def orders_waiting() -> dict[str, int]:
    """How many orders are new, to fulfil and awaiting payment (one query on the status index)."""
    counts = dict(
        Order.objects.filter(status__in=NEW + TO_FULFIL + AWAITING_PAYMENT)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {
        "new": sum(counts.get(status, 0) for status in NEW),
        "to fulfil": sum(counts.get(status, 0) for status in TO_FULFIL),
        "awaiting payment": sum(counts.get(status, 0) for status in AWAITING_PAYMENT),
    }


def low_stock(limit: int = LIST_SIZE) -> list[StockRow]:
    """Listed products that track stock and are at or below their low-stock threshold (out of stock when none is
    set): the product itself, or each active variant of it; lowest first (two queries)."""
    threshold = Coalesce("stock_notify", 0)
    simple = (
        Product.objects.filter(stock_enabled=True, status__in=LISTED, stock_quantity__lte=threshold)
        .exclude(variants__active=True)
        .annotate(threshold=threshold)
        .order_by("stock_quantity", "pk")
        .values_list("pk", "title", "stock_quantity", "threshold")[:limit]
    )
    variant_threshold = Coalesce("product__stock_notify", 0)
    variants = (
        Variant.objects.filter(
            active=True,
            product__stock_enabled=True,
            product__status__in=LISTED,
            stock_quantity__lte=variant_threshold,
        )
        .annotate(threshold=variant_threshold, product_title=F("product__title"))
        .order_by("stock_quantity", "pk")
        .values_list("product_id", "product_title", "title", "stock_quantity", "threshold")[:limit]
    )
    rows = [StockRow(pk, title, quantity, limit_) for pk, title, quantity, limit_ in simple]
    rows += [
        StockRow(pk, f"{product} / {variant}", quantity, limit_) for pk, product, variant, quantity, limit_ in variants
    ]
    return sorted(rows, key=lambda row: (row.quantity, row.title))[:limit]


def best_sellers(currency: str, days: int = CHART_DAYS, limit: int = LIST_SIZE) -> list[BestSeller]:
    """The products sold in the most units over the last `days` days, canceled orders excluded (one query)."""
    rows = (
        OrderLine.objects.filter(
            order__status__in=SOLD, order__currency=currency, order__created_at__gte=period_start(days)
        )
        .values("product_public_id")
        # One row per product sold, even if it was renamed between orders (Max picks one of its titles).
        .annotate(product_pk=Max("product_id"), title=Max("title"), quantity=Sum("quantity"), sales=Sum("total_cents"))
        .order_by("-quantity", "product_public_id")[:limit]
    )
    return [BestSeller(row["product_pk"], row["title"], row["quantity"], row["sales"]) for row in rows]


def recent_reviews(limit: int = LIST_SIZE) -> list[Review]:
    return list(Review.objects.select_related("product", "customer").order_by("-created_at", "-pk")[:limit])


def failing_endpoints(limit: int = LIST_SIZE) -> tuple[int, list[WebhookEndpoint]]:
    """How many active endpoints are failing, and the ones failing longest (two queries)."""
    failing = WebhookEndpoint.objects.filter(active=True, failing_since__isnull=False)
    return failing.count(), list(failing.order_by("failing_since", "pk")[:limit])
