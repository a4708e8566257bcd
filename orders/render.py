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

from media_library.renditions import placeholder_urls
from shopplatform.api.fields import bool_value, date_value, datetime_value, int_value, text_value


def render_cart(serializer, priced) -> dict:
    """CartOutput of a PricedCart (`serializer` is the CartOutput, for its context and methods)."""
    cart, totals = priced.cart, priced.totals
    address = _address_fields(type(serializer))
    return {
        "id": text_value(cart.public_id),
        "status": text_value(cart.status),
        "customer": text_value(cart.customer.public_id) if cart.customer_id else None,
        "email": text_value(cart.email),
        "coupon": text_value(cart.coupon.code) if cart.coupon_id else None,
        "coupon_applied": bool_value(totals.coupon_applied),
        "shipping_method": text_value(cart.shipping_method.public_id) if cart.shipping_method_id else None,
        "shipping_available": bool_value(priced.shipping_available),
        "delivery_address": _address(cart.delivery_address, address),
        "billing_address": _address(cart.billing_address, address),
        "client_note": text_value(cart.client_note),
        "payment_method": serializer.get_payment_method(priced),
        "wholesale": bool_value(priced.wholesale),
        "lines": [_cart_line(line, amounts) for line, amounts in zip(priced.lines, totals.lines, strict=True)],
        "currency": text_value(priced.currency),
        "totals": {
            "subtotal_cents": int_value(totals.subtotal_cents),
            "discount_cents": int_value(totals.discount_cents),
            "product_tax_cents": int_value(totals.product_tax_cents),
            "taxes_included": bool_value(totals.taxes_included),
            "shipping_cents": int_value(totals.shipping_cents),
            "shipping_discount_cents": int_value(totals.shipping_discount_cents),
            "parcels": int_value(totals.parcels),
            "payment_fee_cents": int_value(totals.payment_fee_cents),
            "total_cents": int_value(totals.total_cents),
            "weight_grams": int_value(totals.weight_grams),
        },
        "total_formatted": serializer.get_total_formatted(priced),
        "order": text_value(cart.order.public_id) if cart.order_id else None,
        "created_at": datetime_value(cart.created_at),
        "updated_at": datetime_value(cart.updated_at),
    }


def _cart_line(line, amounts) -> dict:
    """CartLineOutput of a line and its amounts."""
    variant, item = line.variant, amounts.item
    return {
        "id": text_value(line.public_id),
        "product": text_value(line.product.public_id),
        "variant": text_value(variant.public_id) if variant is not None else None,
        "title": text_value(line.product.title),
        "option": text_value(variant.title) if variant is not None else None,
        "sku": line.sku,
        "quantity": int_value(line.quantity),
        "unit_price_cents": int_value(item.unit_price_cents),
        "tax_rate_bp": int_value(item.tax_rate_bp),
        "subtotal_cents": int_value(amounts.subtotal_cents),
        "discount_cents": int_value(amounts.discount_cents),
        "tax_cents": int_value(amounts.tax_cents),
        "total_cents": int_value(amounts.total_cents),
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
            rendered[name] = text_value(address[name])
        elif required:
            raise KeyError(name)
    return rendered


def render_order(serializer, order) -> dict:
    """OrderOutput of an order with its lines loaded (`serializer` is the OrderOutput, for its context and methods)."""
    coupon = order.coupon_snapshot
    return {
        "id": text_value(order.public_id),
        "number": int_value(order.number),
        "hash": text_value(order.hash),
        "permalink": serializer.get_permalink(order),
        "status": int_value(order.status_code),
        "status_alias": text_value(order.status),
        "status_description": text_value(order.status_description),
        "paid": bool_value(order.paid),
        "is_new": bool_value(order.is_new),
        "wholesale": bool_value(order.wholesale),
        "currency": text_value(order.currency),
        "taxes_included": bool_value(order.taxes_included),
        "subtotal_cents": int_value(order.subtotal_cents),
        "discount_cents": int_value(order.discount_cents),
        "product_tax_cents": int_value(order.product_tax_cents),
        "total_tax_cents": int_value(order.product_tax_cents),
        "payment_fee_cents": int_value(order.payment_fee_cents),
        "total_cents": int_value(order.total_cents),
        "total_formatted": serializer.get_total_formatted(order),
        "weight_grams": int_value(order.weight_grams),
        "shipping": serializer.get_shipping(order),
        "payment": serializer.get_payment(order),
        "client": serializer.get_client(order),
        "coupon": None
        if coupon is None
        else {
            "code": text_value(coupon["code"]),
            "type": text_value(coupon["type"]),
            "value": int_value(coupon["value"]),
        },
        "lines": [_order_line(line) for line in order.lines.all()],
        "tracking": serializer.get_tracking(order),
        "invoice": serializer.get_invoice(order),
        "shipping_url": text_value(order.shipping_url),
        "at_code": text_value(order.at_code),
        "pickup_code": text_value(order.pickup_code),
        "note": text_value(order.note),
        "client_note": text_value(order.client_note),
        "observations": text_value(order.observations),
        "custom_field": text_value(order.custom_field),
        "expected_arrival_from": date_value(order.expected_arrival_from),
        "expected_arrival_until": date_value(order.expected_arrival_until),
        "tax_exemption": serializer.get_tax_exemption(order),
        "tags": None if order.tags is None else [text_value(tag) for tag in order.tags],
        "created_at": datetime_value(order.created_at),
        "updated_at": datetime_value(order.updated_at),
        "paid_at": datetime_value(order.paid_at),
        "sent_at": datetime_value(order.sent_at),
        "delivered_at": datetime_value(order.delivered_at),
        "canceled_at": datetime_value(order.canceled_at),
        "returned_at": datetime_value(order.returned_at),
    }


def _order_line(line) -> dict:
    """OrderLineOutput of a line."""
    return {
        "product": text_value(line.product_public_id),
        "variant": line.variant_public_id or None,
        "title": text_value(line.title),
        "option": line.option or None,
        "sku": text_value(line.sku),
        "barcode": text_value(line.barcode),
        "unit_price_cents": int_value(line.unit_price_cents),
        "quantity": int_value(line.quantity),
        "tax_rate_bp": int_value(line.tax_rate_bp),
        "subtotal_cents": int_value(line.subtotal_cents),
        "discount_cents": int_value(line.discount_cents),
        "tax_cents": int_value(line.tax_cents),
        "total_cents": int_value(line.total_cents),
        "weight_grams": int_value(line.weight_grams),
        "url": text_value(line.url),
        "description_short": text_value(line.description_short),
        "image": line.image or placeholder_urls(),
        "reduced_rate": line.reduced_rate or None,
    }
