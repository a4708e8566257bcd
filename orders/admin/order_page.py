"""The order page's own views: status buttons, mark paid, fulfil, refund, invoice and packing slip.

Each write is a POST to a URL under the order's change page, calls one service and comes back to the page with a
message in words (orders.admin.wording). Cancelling or returning a paid order refunds what is left (the workflow
does it, as the API does): the button first shows a confirmation page saying how much goes back, and where.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from shopplatform.errors import ShopError
from shopplatform.forms import money

from .. import services
from ..addresses import address_lines
from ..models import Invoice, Order, OrderStatus
from ..services.refunds import refund_channel, refundable_cents
from .forms import FulfilForm, RefundForm, carrier_name
from .timeline import order_timeline
from .wording import ACTION_LABELS, allowed_statuses, refusal_message

SETTLING_STATUSES = {OrderStatus.CANCELED, OrderStatus.RETURNED}
REFUND_DESTINATIONS = {"wallet": "the buyer's wallet", "stripe": "the buyer's card (Stripe)"}


class OrderPageMixin:
    """For OrderAdmin: the extra URLs and the context of the panel above and the timeline below the form."""

    change_form_outer_before_template = "admin/orders/order/panel.html"
    change_form_outer_after_template = "admin/orders/order/timeline.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/status/<str:status>/", view(self.status_view), name="orders_order_status"),
            path("<int:pk>/pay/", view(require_POST(self.pay_view)), name="orders_order_pay"),
            path("<int:pk>/fulfil/", view(require_POST(self.fulfil_view)), name="orders_order_fulfil"),
            path("<int:pk>/refund/", view(require_POST(self.refund_view)), name="orders_order_refund"),
            path("<int:pk>/invoice/", view(self.invoice_view), name="orders_order_invoice"),
            path("<int:pk>/packing-slip/", view(self.packing_slip_view), name="orders_order_packing_slip"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        order = self.get_object(request, object_id)
        if order is not None:
            extra_context = {"title": f"Order {order.display_number}", **(extra_context or {})}
            extra_context.update(self.panel_context(request, order))
        return super().change_view(request, object_id, form_url, extra_context)

    def panel_context(self, request, order: Order) -> dict:
        client = order.client or {}
        left = refundable_cents(order)
        statuses = allowed_statuses(order)
        return {
            "panel": {
                "buttons": [
                    {
                        "status": status.value,
                        "label": ACTION_LABELS[status],
                        "confirm": self._settles_money(order, status),
                        "url": reverse("admin:orders_order_status", args=[order.pk, status.value]),
                    }
                    for status in statuses
                    if status != OrderStatus.SENT  # "Fulfil" below asks for the carrier first
                ],
                "can_fulfil": OrderStatus.SENT in statuses,
                "carrier": carrier_name(order.tracking_carrier) if order.tracking_carrier else "",
                "fulfil_form": FulfilForm(prefix="fulfil", initial={"carrier": order.tracking_carrier}),
                "can_refund": left > 0 and refund_channel(order) is not None,
                "refund_form": RefundForm(prefix="refund", order=order),
                "refundable": money(left, order.currency),
                "refund_destination": REFUND_DESTINATIONS.get(refund_channel(order) or "", ""),
                "invoice": Invoice.objects.filter(order=order).first(),
                "invoice_url": reverse("admin:orders_order_invoice", args=[order.pk]),
                "packing_slip_url": reverse("admin:orders_order_packing_slip", args=[order.pk]),
                "name": client.get("name") or order.email,
                "phone": client.get("phone", ""),
                "company": client.get("company", ""),
                "fiscal_id": client.get("fiscal_id", ""),
                "delivery": address_lines(client.get("delivery")),
                "billing": address_lines(client.get("billing")),
                "amounts": self._amounts(order),
            },
            "timeline": order_timeline(order),
        }

    @staticmethod
    def _amounts(order: Order) -> list[tuple[str, str]]:
        rows = [("Subtotal", order.subtotal_cents), ("Discount", -order.discount_cents)]
        rows += [("Shipping", order.shipping_cents - order.shipping_discount_cents)]
        rows += [
            ("Payment fee", order.payment_fee_cents),
            ("Tax" + (" included" if order.taxes_included else ""), order.product_tax_cents),
        ]
        shown = [(label, money(cents, order.currency)) for label, cents in rows if cents]
        shown.append(("Total", money(order.total_cents, order.currency)))
        if order.refunded_cents:
            shown.append(("Refunded", money(order.refunded_cents, order.currency)))
        return shown

    @staticmethod
    def _settles_money(order: Order, status: str) -> bool:
        return status in SETTLING_STATUSES and refundable_cents(order) > 0

    def _order(self, request, pk: int) -> Order:
        order = get_object_or_404(Order, pk=pk)
        if not self.has_change_permission(request, order):
            raise PermissionDenied
        return order

    def _back(self, order: Order) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:orders_order_change", args=[order.pk]))

    def _run(self, request, order: Order, write, done: str, *, target: str | None = None) -> HttpResponseRedirect:
        try:
            write()
        except ShopError as refusal:
            self.message_user(request, refusal_message(order, refusal, target=target), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back(order)

    def status_view(self, request, pk: int, status: str):
        order = self._order(request, pk)
        if status not in OrderStatus.values:
            raise Http404
        label = OrderStatus(status).label
        if request.method == "POST" and (request.POST.get("confirm") or not self._settles_money(order, status)):
            return self._run(
                request,
                order,
                lambda: services.change_order_status(order=order, status=status, changed_by=request.user),
                f"Order {order.display_number} is now {label}.",
                target=status,
            )
        if not self._settles_money(order, status):
            return self._back(order)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": order,
            "title": f"{ACTION_LABELS[status]} {order.display_number}?",
            "label": label,
            "status": status,
            "refund": money(refundable_cents(order), order.currency),
            "destination": REFUND_DESTINATIONS.get(refund_channel(order) or "", "the buyer"),
            "manual": refund_channel(order) is None,
            "back_url": reverse("admin:orders_order_change", args=[order.pk]),
        }
        return TemplateResponse(request, "admin/orders/order/confirm_status.html", context)

    def pay_view(self, request, pk: int):
        order = self._order(request, pk)
        write = lambda: services.mark_order_paid(order=order, changed_by=request.user)  # noqa: E731
        return self._run(request, order, write, f"Order {order.display_number} is marked paid.")

    def fulfil_view(self, request, pk: int):
        order = self._order(request, pk)
        form = FulfilForm(request.POST, prefix="fulfil")
        if not form.is_valid():
            return self._form_refused(request, order, form, "Not sent")
        return self._run(
            request,
            order,
            lambda: services.fulfil_order(order=order, changed_by=request.user, **_fulfil_fields(form)),
            f"Order {order.display_number} is sent with {carrier_name(form.cleaned_data['carrier'])}; the buyer was e-mailed.",
            target=OrderStatus.SENT,
        )

    def refund_view(self, request, pk: int):
        order = self._order(request, pk)
        form = RefundForm(request.POST, prefix="refund", order=order)
        if not form.is_valid():
            return self._form_refused(request, order, form, "Not refunded")
        amount = form.cleaned_data["amount"]
        return self._run(
            request,
            order,
            lambda: services.refund_order(
                order=order, amount_cents=amount, changed_by=request.user, reason=form.cleaned_data["reason"]
            ),
            f"Refunded {money(amount, order.currency)} of order {order.display_number} "
            f"to {REFUND_DESTINATIONS.get(refund_channel(order) or '', 'the buyer')}.",
        )

    def invoice_view(self, request, pk: int):
        """POST issues the invoice (once); GET downloads the issued one."""
        order = self._order(request, pk)
        if request.method == "POST":
            try:
                invoice = services.issue_invoice(order=order, changed_by=request.user)
            except ShopError as refusal:
                self.message_user(request, refusal_message(order, refusal), messages.ERROR)
                return self._back(order)
            self.message_user(request, f"Invoice {invoice.number} issued for order {order.display_number}.")
            return self._back(order)
        invoice = Invoice.objects.filter(order=order).first()
        if invoice is None:
            raise Http404("No invoice has been issued for this order.")
        return _pdf(services.invoice_pdf(invoice), f"invoice-{invoice.number}.pdf")

    def packing_slip_view(self, request, pk: int):
        order = self._order(request, pk)
        return _pdf(services.packing_slip_pdf(order), f"packing-slip-{order.number}.pdf")

    def _form_refused(self, request, order: Order, form, what: str) -> HttpResponseRedirect:
        problems = "; ".join(
            f"{form.fields[name].label or name.capitalize() if name in form.fields else ''}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        self.message_user(request, f"{what}: {problems}", messages.ERROR)
        return self._back(order)


def _fulfil_fields(form: FulfilForm) -> dict:
    data = form.cleaned_data
    return {"carrier": data["carrier"], "tracking_code": data["tracking_code"], "tracking_url": data["tracking_url"]}


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
