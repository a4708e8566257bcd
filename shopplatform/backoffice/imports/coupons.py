"""Coupons keyed by code (any letter case), through the orders coupon services."""

from orders.models import Coupon
from orders.services.coupons import create_coupon, update_coupon
from shopplatform.store.models import Store

from . import cells
from .runner import Importer, Outcome, Record

TARGETS = {"orders_over": Coupon.AppliesTo.ORDERS_OVER, "category": Coupon.AppliesTo.CATEGORY,
           "product": Coupon.AppliesTo.PRODUCT}  # fmt: skip


class CouponImporter(Importer):
    subject = "coupons"
    key_column = "code"
    columns_by_param = {"orders_over_cents": "orders_over"}

    def write(self, record: Record) -> Outcome:
        ((_line, row),) = record.rows
        coupon = Coupon.objects.filter(code__iexact=record.key).select_related("category", "product").first()
        fields = self.fields(row, coupon)
        if coupon is None:
            create_coupon(**fields)
            return Outcome("new")
        changes = {name: value for name, value in fields.items() if not _same(coupon, name, value)}
        if not changes:
            return Outcome("unchanged")
        update_coupon(coupon=coupon, **changes)
        return Outcome("updated", tuple(changes))

    def fields(self, row: dict, coupon: Coupon | None) -> dict:
        """The row's coupon fields, only those whose columns the file has (all that a new coupon needs)."""
        currency = Store.load().currency
        fields = {"code": cells.text(row, "code", required=True, max_length=64)}
        coupon_type = cells.choice(row, "type", Coupon.Type.values) if "type" in row or coupon is None else coupon.type
        applies_to = (cells.choice(row, "applies_to", Coupon.AppliesTo.values) if "applies_to" in row
                      else getattr(coupon, "applies_to", Coupon.AppliesTo.ALL_ORDERS))  # fmt: skip
        fields |= {"type": coupon_type, "applies_to": applies_to}
        if "value" in row or coupon is None:
            money = coupon_type == Coupon.Type.MONEY
            fields["value"] = (cells.amount(row, "value", currency) or 0) if money else cells.integer(row, "value")
        if "orders_over" in row:
            over = cells.amount(row, "orders_over", currency)
            fields["orders_over_cents"] = over if applies_to == Coupon.AppliesTo.ORDERS_OVER else None
        for name in ("category", "product"):
            if name in row:  # a slug or public id; kept only where `applies_to` uses it, as the service does
                fields[name] = cells.text(row, name) if applies_to == TARGETS[name] else ""
        if "limit" in row:
            fields["limit"] = cells.integer(row, "limit", minimum=0)
        fields |= {name: cells.date(row, name) for name in ("date_from", "date_to") if name in row}
        if "active" in row:
            fields["active"] = cells.boolean(row, "active")
        return {name: value for name, value in fields.items() if value != "" or name not in ("category", "product")}


def _same(coupon: Coupon, name: str, value) -> bool:
    if name in ("category", "product"):
        target = getattr(coupon, name)
        return target is not None and value in (target.slug, target.public_id)
    return getattr(coupon, name) == value
