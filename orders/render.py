"""CartOutput and OrderOutput rendered in one pass: the same dict DRF's field-by-field rendering gives.

DRF renders a serializer by copying and binding every declared field for each instance, then visiting each
(attribute lookup through `source`, the field's `to_representation`): for a cart and its order, about a hundred
fields over their nested serializers, that was a sixth of a checkout's Python (the cart answered, the order
answered and written into its order.created event). These functions read the attributes directly and convert
them as those fields would; the blocks the serializers already build by hand (shipping, payment, client,
tracking, invoice) come from their methods. The declared fields still describe the output and the schema.
tests/orders/test_order_render.py compares this output with DRF's generic rendering, field by field.
"""

from functools import cache

from rest_framework import serializers

from media_library.renditions import placeholder_urls

_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()


def _text(value) -> str | None:
    return None if value is None else str(value)


def _int(value) -> int | None:
    return None if value is None else int(value)


def _bool(value) -> bool | None:
    return None if value is None else bool(value)


def _datetime(value) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


def _date(value) -> str | None:
    return None if value is None else _DATE.to_representation(value)


def render_cart(serializer, priced) -> dict:
    """CartOutput of a PricedCart (`serializer` is the CartOutput, for its context and methods)."""
    cart, totals = priced.cart, priced.totals
    address = _address_fields(type(serializer))
    return {
        "id": _text(cart.public_id),
        "status": _text(cart.status),
        "customer": _text(cart.customer.public_id) if cart.customer_id else None,
        "email": _text(cart.email),
        "coupon": _text(cart.coupon.code) if cart.coupon_id else None,
        "coupon_applied": _bool(totals.coupon_applied),
        "shipping_method": _text(cart.shipping_method.public_id) if cart.shipping_method_id else None,
        "shipping_available": _bool(priced.shipping_available),
        "delivery_address": _address(cart.delivery_address, address),
        "billing_address": _address(cart.billing_address, address),
        "client_note": _text(cart.client_note),
        "payment_method": serializer.get_payment_method(priced),
        "wholesale": _bool(priced.wholesale),
        "lines": [_cart_line(line, amounts) for line, amounts in zip(priced.lines, totals.lines, strict=True)],
        "currency": _text(priced.currency),
        "totals": {
            "subtotal_cents": _int(totals.subtotal_cents),
            "discount_cents": _int(totals.discount_cents),
            "product_tax_cents": _int(totals.product_tax_cents),
            "taxes_included": _bool(totals.taxes_included),
            "shipping_cents": _int(totals.shipping_cents),
            "shipping_discount_cents": _int(totals.shipping_discount_cents),
            "parcels": _int(totals.parcels),
            "payment_fee_cents": _int(totals.payment_fee_cents),
            "total_cents": _int(totals.total_cents),
            "weight_grams": _int(totals.weight_grams),
        },
        "total_formatted": serializer.get_total_formatted(priced),
        "order": _text(cart.order.public_id) if cart.order_id else None,
        "created_at": _datetime(cart.created_at),
        "updated_at": _datetime(cart.updated_at),
    }


def _cart_line(line, amounts) -> dict:
    """CartLineOutput of a line and its amounts."""
    variant, item = line.variant, amounts.item
    return {
        "id": _text(line.public_id),
        "product": _text(line.product.public_id),
        "variant": _text(variant.public_id) if variant is not None else None,
        "title": _text(line.product.title),
        "option": _text(variant.title) if variant is not None else None,
        "sku": (variant.sku if variant is not None else "") or line.product.sku,
        "quantity": _int(line.quantity),
        "unit_price_cents": _int(item.unit_price_cents),
        "tax_rate_bp": _int(item.tax_rate_bp),
        "subtotal_cents": _int(amounts.subtotal_cents),
        "discount_cents": _int(amounts.discount_cents),
        "tax_cents": _int(amounts.tax_cents),
        "total_cents": _int(amounts.total_cents),
    }


@cache
def _address_fields(cart_output: type) -> tuple[tuple[str, bool], ...]:
    """The address serializer's fields, each with whether it is required (an absent optional key is left out)."""
    declared = cart_output._declared_fields["delivery_address"]._declared_fields
    return tuple((name, field.required) for name, field in declared.items())


def _address(address: dict | None, fields: tuple[tuple[str, bool], ...]) -> dict | None:
    if address is None:
        return None
    rendered = {}
    for name, required in fields:
        if name in address:
            rendered[name] = _text(address[name])
        elif required:
            raise KeyError(name)
    return rendered


def render_order(serializer, order) -> dict:
    """OrderOutput of an order with its lines loaded (`serializer` is the OrderOutput, for its context and methods)."""
    coupon = order.coupon_snapshot
    return {
        "id": _text(order.public_id),
        "number": _int(order.number),
        "hash": _text(order.hash),
        "permalink": serializer.get_permalink(order),
        "status": _int(order.status_code),
        "status_alias": _text(order.status),
        "status_description": _text(order.status_description),
        "paid": _bool(order.paid),
        "is_new": _bool(order.is_new),
        "wholesale": _bool(order.wholesale),
        "currency": _text(order.currency),
        "taxes_included": _bool(order.taxes_included),
        "subtotal_cents": _int(order.subtotal_cents),
        "discount_cents": _int(order.discount_cents),
        "product_tax_cents": _int(order.product_tax_cents),
        "total_tax_cents": _int(order.product_tax_cents),
        "payment_fee_cents": _int(order.payment_fee_cents),
        "total_cents": _int(order.total_cents),
        "total_formatted": serializer.get_total_formatted(order),
        "weight_grams": _int(order.weight_grams),
        "shipping": serializer.get_shipping(order),
        "payment": serializer.get_payment(order),
        "client": serializer.get_client(order),
        "coupon": None
        if coupon is None
        else {"code": _text(coupon["code"]), "type": _text(coupon["type"]), "value": _int(coupon["value"])},
        "lines": [_order_line(line) for line in order.lines.all()],
        "tracking": serializer.get_tracking(order),
        "invoice": serializer.get_invoice(order),
        "shipping_url": _text(order.shipping_url),
        "at_code": _text(order.at_code),
        "pickup_code": _text(order.pickup_code),
        "note": _text(order.note),
        "client_note": _text(order.client_note),
        "observations": _text(order.observations),
        "custom_field": _text(order.custom_field),
        "expected_arrival_from": _date(order.expected_arrival_from),
        "expected_arrival_until": _date(order.expected_arrival_until),
        "tax_exemption": serializer.get_tax_exemption(order),
        "tags": None if order.tags is None else [_text(tag) for tag in order.tags],
        "created_at": _datetime(order.created_at),
        "updated_at": _datetime(order.updated_at),
        "paid_at": _datetime(order.paid_at),
        "sent_at": _datetime(order.sent_at),
        "delivered_at": _datetime(order.delivered_at),
        "canceled_at": _datetime(order.canceled_at),
        "returned_at": _datetime(order.returned_at),
    }


def _order_line(line) -> dict:
    """OrderLineOutput of a line."""
    return {
        "product": _text(line.product_public_id),
        "variant": line.variant_public_id or None,
        "title": _text(line.title),
        "option": line.option or None,
        "sku": _text(line.sku),
        "barcode": _text(line.barcode),
        "unit_price_cents": _int(line.unit_price_cents),
        "quantity": _int(line.quantity),
        "tax_rate_bp": _int(line.tax_rate_bp),
        "subtotal_cents": _int(line.subtotal_cents),
        "discount_cents": _int(line.discount_cents),
        "tax_cents": _int(line.tax_cents),
        "total_cents": _int(line.total_cents),
        "weight_grams": _int(line.weight_grams),
        "url": _text(line.url),
        "description_short": _text(line.description_short),
        "image": line.image or placeholder_urls(),
        "reduced_rate": line.reduced_rate or None,
    }
