"""What an invoice and a packing slip say, as plain data: headings, address blocks, line rows and totals."""

from dataclasses import dataclass, field
from datetime import date

from shopplatform.money import format_money
from shopplatform.store.models import Store

from ..addresses import address_lines
from ..models import Order


@dataclass(frozen=True)
class DocumentContent:
    title: str
    reference: str  # "Invoice 12", "Order #1042"
    issued_on: date
    seller: list[str]
    blocks: list[tuple[str, list[str]]]  # ("Bill to", [lines]), ("Ship to", [lines])
    columns: list[str]
    rows: list[list[str]]
    totals: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def invoice_content(order: Order, *, number: int, issued_on: date, store: Store | None = None) -> DocumentContent:
    """The invoice of `order` numbered `number`: seller, buyer, lines with tax, and the totals paid."""
    store = store or Store.load()
    client = order.client or {}
    buyer = address_lines(client.get("billing") or client.get("delivery"), _language(store))
    if client.get("fiscal_id"):
        buyer.append(f"Tax id: {client['fiscal_id']}")
    money = _money(order, store)
    rows = [
        [
            line.title + (f" ({line.option})" if line.option else ""),
            line.sku,
            str(line.quantity),
            money(line.unit_price_cents),
            f"{line.tax_rate_bp / 100:g} %",
            money(line.total_cents),
        ]
        for line in order.lines.all()
    ]
    totals = [("Subtotal", money(order.subtotal_cents))]
    if order.discount_cents:
        totals.append(("Discount", money(-order.discount_cents)))
    if order.shipping_cents:
        totals.append(
            (
                f"Shipping ({order.shipment_method})" if order.shipment_method else "Shipping",
                money(order.shipping_cents - order.shipping_discount_cents),
            )
        )
    if order.payment_fee_cents:
        totals.append(("Payment fee", money(order.payment_fee_cents)))
    tax_label = "of which tax" if order.taxes_included else "Tax"
    totals += [(tax_label, money(order.product_tax_cents)), ("Total", money(order.total_cents))]
    notes = [
        f"Order {order.display_number} of {order.created_at:%Y-%m-%d}, paid by {order.get_payment_method_display()}."
    ]
    if order.tax_exemption:
        notes.append(f"Tax exemption: {order.tax_exemption}")
    return DocumentContent(
        title="Invoice",
        reference=f"Invoice {number}",
        issued_on=issued_on,
        seller=_seller(store),
        blocks=[("Bill to", buyer)],
        columns=["Item", "SKU", "Qty", "Unit price", "Tax", "Total"],
        rows=rows,
        totals=totals,
        notes=notes,
    )


def packing_slip_content(order: Order, *, issued_on: date, store: Store | None = None) -> DocumentContent:
    """What goes in the parcel: the delivery address and each line's SKU and quantity, no prices."""
    store = store or Store.load()
    client = order.client or {}
    ship_to = address_lines(client.get("delivery"), _language(store))
    if client.get("phone"):
        ship_to.append(f"Phone: {client['phone']}")
    rows = [
        [line.title + (f" ({line.option})" if line.option else ""), line.sku, line.barcode, str(line.quantity)]
        for line in order.lines.all()
    ]
    notes = [f"Shipping: {order.shipment_method}"] if order.shipment_method else []
    if order.client_note:
        notes.append(f"Buyer's note: {order.client_note}")
    return DocumentContent(
        title="Packing slip",
        reference=f"Order {order.display_number}",
        issued_on=issued_on,
        seller=_seller(store),
        blocks=[("Ship to", ship_to)],
        columns=["Item", "SKU", "Barcode", "Qty"],
        rows=rows,
        totals=[("Items", str(sum(line.quantity for line in order.lines.all())))],
        notes=notes,
    )


def _seller(store: Store) -> list[str]:
    lines = [store.name, *(line.strip() for line in store.address.splitlines() if line.strip())]
    return [*lines, store.email] if store.email else lines


def _language(store: Store) -> str:
    return (store.locale or "en").split("_")[0]


def _money(order: Order, store: Store):
    return lambda cents: format_money(cents, order.currency, store.locale)
