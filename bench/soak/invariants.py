"""The invariants checked once the run drained, each naming the rows that break it.

A check returns a Check; `ok` is False when anything is listed in `problems` (at most PROBLEMS_SHOWN are kept).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q, Sum

from media_library.models import Media
from orders.models import Order, OrderLine, StripeEvent
from wallet.models import LedgerEntry, Transfer
from webhooks.models import Delivery, Event, WebhookEndpoint

PROBLEMS_SHOWN = 10


@dataclass
class Check:
    name: str
    problems: list[str] = field(default_factory=list)
    total: int = 0  # how many problems there were, shown or not
    facts: str = ""

    @property
    def ok(self) -> bool:
        return not self.total

    def add(self, problem: str) -> None:
        self.total += 1
        if len(self.problems) < PROBLEMS_SHOWN:
            self.problems.append(problem)


def stock_matches_order_lines(products: dict[str, int]) -> Check:
    check = Check("stock sold equals order lines (no oversell, no lost units)")
    held = Q(order__stock_released=False)
    sold = dict(
        OrderLine.objects.filter(held, product_public_id__in=products)
        .values_list("product_public_id")
        .annotate(units=Sum("quantity"))
    )
    from catalog.models import Product

    for public_id, stock_left in Product.objects.filter(public_id__in=products).values_list(
        "public_id", "stock_quantity"
    ):
        taken = products[public_id] - stock_left
        if stock_left < 0 or taken != sold.get(public_id, 0):
            check.add(f"product {public_id}: {taken} units left stock, order lines hold {sold.get(public_id, 0)}")
    check.facts = f"{sum(sold.values())} units sold over {len(products)} products"
    return check


def wallets_consistent() -> Check:
    check = Check("wallet_audit clean, no double debit")
    try:
        call_command("wallet_audit", stdout=_Discard())
    except (CommandError, SystemExit) as error:
        check.add(f"wallet_audit: {error}")
    purchases = (
        LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PURCHASE)
        .values("order_reference")
        .annotate(debits=Count("pk"))
        .filter(debits__gt=1)
    )
    for row in purchases:
        check.add(f"order {row['order_reference']} debited {row['debits']} times")
    for order_id in (
        Order.objects.filter(payment_method="wallet")
        .exclude(public_id__in=LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PURCHASE).values("order_reference"))
        .values_list("public_id", flat=True)
    ):
        check.add(f"wallet order {order_id} has no purchase entry")
    transfers = Transfer.objects.annotate(ledger_entries=Count("entries"))
    for transfer in transfers.filter(status=Transfer.Status.SUCCEEDED).exclude(ledger_entries=2):
        check.add(f"transfer {transfer.public_id} succeeded with {transfer.ledger_entries} ledger entries (want 2)")
    for transfer in transfers.exclude(status=Transfer.Status.SUCCEEDED).exclude(ledger_entries=0):
        check.add(
            f"transfer {transfer.public_id} {transfer.status} with {transfer.ledger_entries} ledger entries (want 0)"
        )
    check.facts = f"{Transfer.objects.filter(status='succeeded').count()} transfers succeeded"
    return check


def payments_applied_once(stripe_events: dict[str, str]) -> Check:
    check = Check("every order paid at most once, every Stripe event applied once")
    paid_events = Counter(event.data["object"]["id"] for event in Event.objects.filter(type="order.paid").only("data"))
    for order_id, times in paid_events.items():
        if times > 1:
            check.add(f"order {order_id} emitted order.paid {times} times")
    recorded = Counter(StripeEvent.objects.filter(event_id__in=stripe_events).values_list("event_id", flat=True))
    for event_id, order_id in stripe_events.items():
        if recorded[event_id] != 1:
            check.add(f"Stripe event {event_id} (order {order_id}) recorded {recorded[event_id]} times")
    unpaid = Order.objects.filter(public_id__in=set(stripe_events.values()), paid=False)
    for order_id in unpaid.values_list("public_id", flat=True):
        check.add(f"order {order_id}: its checkout.session.completed was accepted but the order is not paid")
    check.facts = f"{len(stripe_events)} Stripe events sent twice each, {sum(paid_events.values())} orders paid"
    return check


def outbox_delivered(acknowledged: dict[str, set[str]]) -> Check:
    check = Check("every outbox event delivered to every subscribed endpoint (duplicates same webhook-id)")
    endpoints = list(WebhookEndpoint.objects.all())
    events = Event.objects.order_by("pk")
    delivered = 0
    for event in events.iterator():
        for endpoint in endpoints:
            if event.created_at < endpoint.created_at or not endpoint.subscribes_to(event.type):
                continue
            delivery = Delivery.objects.filter(endpoint=endpoint, event=event).first()
            if delivery is None:
                check.add(f"event {event.public_id} ({event.type}, fanned_out={event.fanned_out}): no delivery")
            elif delivery.status != Delivery.Status.SUCCEEDED:
                check.add(
                    f"delivery {delivery.public_id} of {event.public_id} ({event.type}) is {delivery.status} after "
                    f"{delivery.attempts} attempts, next at {delivery.next_attempt_at:%H:%M:%S}"
                    if delivery.next_attempt_at
                    else f"delivery {delivery.public_id} of {event.public_id} is {delivery.status}: {delivery.last_error}"
                )
            elif event.public_id not in acknowledged:
                check.add(
                    f"delivery {delivery.public_id} marked succeeded, receiver never acknowledged {event.public_id}"
                )
            else:
                delivered += 1
    for webhook_id, bodies in acknowledged.items():
        if len(bodies) > 1:
            check.add(f"webhook-id {webhook_id} was received with {len(bodies)} different bodies")
    duplicates = sum(1 for _ in acknowledged)  # distinct ids; the receiver counts repeats itself
    check.facts = f"{delivered} events delivered ({duplicates} distinct webhook-ids acknowledged)"
    return check


def no_media_processing(uploaded: list[str]) -> Check:
    check = Check("no media left in processing")
    for media in Media.objects.filter(status=Media.Status.PROCESSING).order_by("pk"):
        check.add(f"media {media.public_id} ({media.original_name}) still processing since {media.created_at:%H:%M:%S}")
    statuses = Counter(Media.objects.filter(public_id__in=uploaded).values_list("status", flat=True))
    check.facts = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items())) or "no uploads"
    return check


def idempotent_retries(mismatches: list[str], compared: int) -> Check:
    check = Check("every idempotent retry (sent to the other instance) got the first response")
    for mismatch in mismatches:
        check.add(mismatch)
    if not compared:
        check.add("no retry could be compared")
    check.facts = f"{compared} retries compared"
    return check


def shared_rate_limit(accepted: int, sent: int, limit: int, one_window: bool) -> Check:
    check = Check("rate limits shared across instances")
    if one_window and accepted != limit:
        check.add(f"{accepted} of {sent} requests alternating between the instances passed a limit of {limit}")
    check.facts = f"{accepted}/{sent} passed a limit of {limit}" + ("" if one_window else " (window changed)")
    return check


# What a request may be answered while a dependency is down (bench.soak.workload.describe).
OUTAGE_ANSWERS = ("503 problem+json", "503 outage page")


def server_errors_only_during_faults(outcomes, windows: list[tuple[str, float, float]], origin: float) -> Check:
    check = Check(
        "no 5xx except 503 (problem+json under /api/, the outage page elsewhere) while a dependency was down; "
        "never a traceback page"
    )
    errors = [outcome for outcome in outcomes if outcome.status is not None and outcome.status >= 500]
    for outcome in errors:
        during = [name for name, start, end in windows if start <= outcome.at <= end]
        if "Traceback" in outcome.detail:
            check.add(f"t+{outcome.at - origin:.1f}s web-{outcome.instance + 1} {outcome.action}: a traceback page")
        elif outcome.kind not in OUTAGE_ANSWERS:
            check.add(
                f"t+{outcome.at - origin:.1f}s web-{outcome.instance + 1} {outcome.action}: {outcome.kind}"
                f"{' during ' + during[0] if during else ''}: {outcome.detail[:160]!r}"
            )
        elif not during:
            check.add(f"t+{outcome.at - origin:.1f}s web-{outcome.instance + 1} {outcome.action}: 503 with no fault")
    check.facts = f"{len(errors)} 5xx answers"
    return check


def faults_injected(injections) -> Check:
    check = Check("every fault injected and recovered from")
    for injection in injections:
        if not injection.injected:
            check.add(f"{injection.name}: not injected ({injection.note})")
        elif injection.recovered_after is None:
            check.add(f"{injection.name}: no recovery within the time allowed ({injection.note})")
    check.facts = f"{sum(i.injected for i in injections)}/{len(injections)} injected"
    return check


class _Discard:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass
