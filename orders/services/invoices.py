"""Invoices and packing slips.

An invoice is issued once per paid order: numbered from its own counter by the order-number helper (consecutive,
never reused), drawn, stored in the private "invoices" storage and recorded with its number on the order
(`invoice_number`, which fires `order.invoice`). Asking again returns the stored file, byte for byte, even if the
order or the store changed since: an issued invoice is a legal record. A packing slip is drawn on demand.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from ..documents import invoice_content, packing_slip_content, render_pdf
from ..exceptions import InvoiceNotAllowed
from ..models import Invoice, InvoiceNumberCounter, Order, OrderStatus
from .numbering import allocate_number
from .workflow import update_order

INVOICE_STORAGE = "invoices"


@transaction.atomic
def issue_invoice(*, order: Order, changed_by=None) -> Invoice:
    """Number, draw and store the order's invoice, or return the one issued before. Raise InvoiceNotAllowed (409)."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    issued = Invoice.objects.filter(order=order).first()
    if issued is not None:
        return issued
    if not order.paid or order.status == OrderStatus.CANCELED:
        state = "canceled" if order.status == OrderStatus.CANCELED else "not paid yet"
        raise InvoiceNotAllowed(f"Order {order.display_number} is {state}: an invoice is issued once it is paid.")
    number = allocate_number(InvoiceNumberCounter, highest_in_use=_highest_invoice_number)
    issued_on = timezone.localdate()
    pdf = render_pdf(invoice_content(order, number=number, issued_on=issued_on))
    name = storages[INVOICE_STORAGE].save(f"{issued_on:%Y}/invoice-{number}.pdf", ContentFile(pdf))
    invoice = Invoice.objects.create(
        order=order, number=number, file=name, total_cents=order.total_cents, currency=order.currency
    )
    update_order(order=order, changed_by=changed_by, invoice_number=str(number))
    return invoice


def invoice_pdf(invoice: Invoice) -> bytes:
    """The stored PDF of an issued invoice."""
    with storages[INVOICE_STORAGE].open(invoice.file, "rb") as stored:
        return stored.read()


def packing_slip_pdf(order: Order) -> bytes:
    """The packing slip of `order` as PDF (not stored: it changes with the order until it ships)."""
    return render_pdf(packing_slip_content(order, issued_on=timezone.localdate()))


def _highest_invoice_number() -> int:
    return Invoice.objects.order_by("-number").values_list("number", flat=True).first() or 0
