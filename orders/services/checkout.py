"""Checkout: turn a cart into an order in one transaction, then pay for it.

Inside the transaction, in this order: lock the cart (a second checkout of it waits, then gets the same order),
re-price it, run the checks and read the line snapshots; write the order (its number from
orders/services/numbering.py, which locks nothing on PostgreSQL) with line, client and address snapshots, its
events and e-mails; only then claim stock through the catalog (conditional UPDATEs in a global row order; never
oversells), claim the coupon use (one conditional UPDATE; never past its limit) and pay from the wallet when asked.
Stock rows and coupons are what concurrent checkouts wait for, and they stay locked from their claim to commit, so
the claims come last and a refusal (OutOfStock, CouponExhausted, InsufficientFunds) rolls back all that was
written. A card payment opens its Stripe Checkout Session after commit, so no row lock waits on the network; if
Stripe fails the order is canceled and what it claimed is given back.

A cart of downloads only needs no address and no shipping method, and cannot be paid on delivery or picked up.
The order's e-mails (confirmation, the merchant's new-order and low-stock notices, downloads when already paid)
are recorded in the transaction and sent once it commits.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Now
from django.utils import timezone

from catalog.queries import Viewer, visible_products
from catalog.services import StockLine, claim_stock
from catalog.services.stock import LowStock
from shopplatform.errors import NotFound
from shopplatform.history import insert_with_first_version
from shopplatform.links import absolute_url
from shopplatform.prepared import PreparedQuery, PreparedUpdate, insert
from shopplatform.store.models import PaymentMethod, Store
from shopplatform.store.payments import MANUAL_METHODS, PaymentMethodType, checkout_code, method_configured
from wallet.models import LedgerEntry
from wallet.services import debit_wallet, wallet_for_customer

from .. import stripe_gateway
from ..events import emit_order_events, new_order_payload
from ..exceptions import (
    AddressRequired,
    CouponExhausted,
    CouponNotApplicable,
    EmptyCart,
    InsufficientStock,
    LineUnavailable,
    PaymentMethodUnavailable,
    PaymentProviderError,
    ShippingMethodRequired,
    ShippingMethodUnavailable,
)
from ..models import Cart, Order, OrderLine, OrderStatus, OrderStatusChange, ShippingMethod
from ..notifications import notify_low_stock, notify_order_placed
from ..payments import paypal
from ..payments.instructions import manual_payment_data
from .carts import PricedCart, price_cart, stock_shortfalls
from .coupons import claim_coupon_use
from .line_snapshots import line_snapshots
from .numbering import allocate_order_number
from .paypal import start_paypal_payment
from .workflow import fail_order_payment

# Manual methods that hand the goods over (paid to the courier, or collected): meaningless for downloads.
DELIVERY_METHODS = (PaymentMethodType.ON_DELIVERY, PaymentMethodType.PICK_UP)
INITIAL_STATUS = {
    PaymentMethodType.WALLET: OrderStatus.PROCESSING,
    PaymentMethodType.CREDIT_CARD: OrderStatus.WAITING_PAYMENT,
    PaymentMethodType.BANK_TRANSFER: OrderStatus.WAITING_PAYMENT,
    PaymentMethodType.ON_DELIVERY: OrderStatus.PENDING,
    PaymentMethodType.PICK_UP: OrderStatus.PENDING,
    PaymentMethodType.PAYPAL: OrderStatus.WAITING_PAYMENT,
    PaymentMethodType.MULTIBANCO: OrderStatus.WAITING_PAYMENT,
    PaymentMethodType.MBWAY: OrderStatus.WAITING_PAYMENT,
    PaymentMethodType.CUSTOM: OrderStatus.WAITING_PAYMENT,
}

# The checks' reads, compiled once per process (shopplatform.prepared): every checkout runs them.
VISIBLE_AMONG = {  # the products among `pks` the buyer may still see, by whether the buyer is wholesale
    wholesale: PreparedQuery(
        lambda slots, wholesale=wholesale: (
            visible_products(Viewer(is_wholesale=wholesale))
            .filter(pk__in=slots.numbers("pks"))
            .order_by()
            .values_list("pk")
        )
    )
    for wholesale in (False, True)
}
PAYMENT_METHODS_ACTIVE = PreparedQuery(lambda slots: PaymentMethod.objects.values_list("method", "active"))


def _locked_carts(**lookup):
    """The cart and what pricing reads of it, locked: a second checkout of it waits here."""
    return (
        Cart.objects.select_for_update(of=("self",))
        .select_related("customer", "coupon", "shipping_method")
        .filter(**lookup)
        .order_by()
    )


LOCKED_CART = PreparedQuery(lambda slots: _locked_carts(pk=slots.number("pk")))
# A customer's cart by its public id (the API's checkout): found, owned and locked in one read.
LOCKED_CUSTOMER_CART = PreparedQuery(
    lambda slots: _locked_carts(customer_id=slots.number("customer"), public_id=slots.text("id"))
)
ACTIVE_SHIPPING_METHOD = PreparedQuery(
    lambda slots: ShippingMethod.objects.filter(active=True).order_by().values_list("pk")
)
# The checked-out cart marked ordered, as save(update_fields=[...]) would write it, in one prepared UPDATE that
# answers the new `updated_at` (the cart has no save() or signal receivers of its own to skip).
CART_ORDERED = PreparedUpdate(
    lambda slots: (
        Cart.objects.filter(pk=slots.number("pk")),
        {
            "order": Value(slots.number("order")),
            "status": Cart.Status.ORDERED,
            "payment_method": slots.text("payment_method"),
            "updated_at": Now(),
        },
    ),
    returning=["updated_at"],
)


@dataclass(frozen=True)
class PlacedOrder:
    """A checkout's outcome. `payload` is the order as its `order.created` event rendered it (the API answers
    with it), or None when the order changed since (a repeat, or a card or PayPal payment started)."""

    order: Order
    created: bool
    payload: dict | None = None


def check_out_cart(*, cart: Cart, payment_method: str) -> tuple[Order, bool]:
    """Place the cart's order and start its payment; return (order, created). A repeat returns the same order.

    Raise as `place_order` does.
    """
    placed = place_order(cart=cart, payment_method=payment_method)
    return placed.order, placed.created


def place_order(*, cart: Cart, payment_method: str) -> PlacedOrder:
    """Place the cart's order and start its payment. A repeat returns the same order, not created.

    Raise NotFound (the cart was deleted meanwhile), LineUnavailable, EmptyCart, AddressRequired,
    ShippingMethodRequired, ShippingMethodUnavailable, CouponNotApplicable, CouponExhausted, InsufficientStock,
    OutOfStock, PaymentMethodUnavailable, InsufficientFunds or PaymentProviderError.
    """
    return _started(
        _place_order(lambda: LOCKED_CART.instances(pk=cart.pk), payment_method=payment_method, missing=cart.public_id)
    )


def place_customer_order(*, customer_id: int, cart_id: str, payment_method: str) -> PlacedOrder:
    """`place_order` for the customer's cart with the public id `cart_id`, found and locked in one statement.

    Raise NotFound when the customer has no such cart, or as `place_order` does.
    """
    return _started(
        _place_order(
            lambda: LOCKED_CUSTOMER_CART.instances(customer=customer_id, id=cart_id),
            payment_method=payment_method,
            missing=cart_id,
        )
    )


def _started(placed: PlacedOrder) -> PlacedOrder:
    """A new card or PayPal order with its payment started (after commit: no row lock waits on the network)."""
    if placed.created and placed.order.payment_method == PaymentMethodType.CREDIT_CARD:
        return PlacedOrder(_start_card_payment(placed.order), created=True)
    if placed.created and placed.order.payment_method == PaymentMethodType.PAYPAL:
        return PlacedOrder(start_paypal_payment(order=placed.order), created=True)
    return placed


@transaction.atomic
def _place_order(locked_cart: Callable[[], list[Cart]], *, payment_method: str, missing: str) -> PlacedOrder:
    found = locked_cart()
    if not found:
        raise NotFound(f"No cart '{missing}'.")
    cart = found[0]
    if cart.order_id is not None:
        return PlacedOrder(Order.objects.get(pk=cart.order_id), created=False)
    store = Store.load()
    priced = price_cart(cart=cart, payment_method=payment_method, store=store)
    _check_payment_method(payment_method, cart, needs_shipping=priced.needs_shipping)
    _check_lines_orderable(priced)
    _check_cart(priced, payment_method=payment_method, store=store)
    order, lines = _create_order(priced, payment_method=payment_method, snapshots=line_snapshots(priced.lines))
    cart.order, cart.status, cart.payment_method = order, Cart.Status.ORDERED, payment_method
    ((cart.updated_at,),) = CART_ORDERED.run(pk=cart.pk, order=order.pk, payment_method=payment_method)
    payload = new_order_payload(order, lines, store=store)
    emit_order_events(order, "order.created", *(["order.paid"] if order.paid else []), payload=payload)
    notify_order_placed(order, store=store)
    _claim_for(order, priced)
    return PlacedOrder(order, created=True, payload=payload)


def _claim_for(order: Order, priced: PricedCart) -> None:
    """Take the order's stock, coupon use and wallet money: the rows other checkouts wait for.

    They stay locked from here to commit, so this runs last, and only the statements that need them follow the
    first claim (the order, its lines, events and e-mails are written before). A refusal rolls everything back.
    """
    cart = priced.cart
    low_stock = claim_stock(
        items=[StockLine(line.product, line.quantity, line.variant) for line in priced.lines], count_sales=True
    )
    if cart.coupon_id:
        claim_coupon_use(
            coupon=cart.coupon, total_cents=priced.totals.total_cents, discount_cents=priced.totals.discount_cents
        )
    if order.payment_method == PaymentMethodType.WALLET and order.total_cents > 0:
        debit_wallet(
            wallet=wallet_for_customer(customer=cart.customer),
            amount_cents=order.total_cents,
            kind=LedgerEntry.Kind.PURCHASE,
            note=f"Order {order.public_id}",
            order_reference=order.public_id,
        )
    for fallen in low_stock:
        notify_low_stock(**_low_stock_notice(fallen), order=order)


def _low_stock_notice(fallen: LowStock) -> dict:
    """What the merchant's low-stock e-mail names: the item's id and title, and the units left."""
    product, variant = fallen.line.product, fallen.line.variant
    title = product.title + (f" ({variant.title})" if variant else "")
    return {"target_id": (variant or product).public_id, "title": title, "quantity": fallen.remaining}


def accepted_payment_methods(*, has_customer: bool, needs_shipping: bool = True) -> list[PaymentMethodType]:
    """The payment methods checkout accepts now, in the order pages offer them: card when Stripe is configured and
    the store has not switched it off, PayPal when configured and enabled, the wallet for customers with an
    account, then the enabled manual methods (Multibanco only with an entity; without cash on delivery and pick-up
    when nothing is delivered)."""
    active = dict(PAYMENT_METHODS_ACTIVE.rows())
    accepted = []
    if stripe_gateway.card_payments_enabled() and active.get(PaymentMethodType.CREDIT_CARD, True):
        accepted.append(PaymentMethodType.CREDIT_CARD)
    if paypal.paypal_enabled() and active.get(PaymentMethodType.PAYPAL):
        accepted.append(PaymentMethodType.PAYPAL)
    if has_customer:
        accepted.append(PaymentMethodType.WALLET)
    accepted += [
        method
        for method in MANUAL_METHODS
        if active.get(method) and method_configured(method) and (needs_shipping or method not in DELIVERY_METHODS)
    ]
    return accepted


def _buyer_phones(cart: Cart) -> tuple[str, ...]:
    """Where a buyer's phone may be written, most specific first (MB WAY asks it to pay)."""
    return (
        (cart.billing_address or {}).get("phone", ""),
        (cart.delivery_address or {}).get("phone", ""),
        cart.customer.phone if cart.customer_id else "",
    )


def _check_payment_method(payment_method: str, cart: Cart, *, needs_shipping: bool) -> None:
    if payment_method in accepted_payment_methods(
        has_customer=cart.customer_id is not None, needs_shipping=needs_shipping
    ):
        return
    if payment_method == PaymentMethodType.WALLET:
        raise PaymentMethodUnavailable("Wallet payments need a customer account.", param="payment_method")
    if payment_method in DELIVERY_METHODS and not needs_shipping:
        raise PaymentMethodUnavailable(
            "Nothing in this cart is delivered: it cannot be paid on delivery or picked up.", param="payment_method"
        )
    raise PaymentMethodUnavailable(
        f"The store does not accept '{checkout_code(payment_method)}'.", param="payment_method"
    )


def _check_lines_orderable(priced: PricedCart) -> None:
    """Re-check what was true when each line was added: the product is still visible to the buyer, not priced on
    request, and its variant still active. Raise LineUnavailable naming the first line that no longer is."""
    cart = priced.cart
    wholesale = bool(cart.customer_id and cart.customer.wholesale)
    product_ids = [line.product.pk for line in priced.lines]
    visible = {pk for (pk,) in VISIBLE_AMONG[wholesale].rows(pks=product_ids)} if product_ids else set()
    for index, line in enumerate(priced.lines):
        product, variant = line.product, line.variant
        if product.pk not in visible:
            reason = "is no longer available"
        elif product.price_on_request or (variant is not None and variant.price_on_request):
            reason = "is now priced on request"
        elif variant is not None and not variant.active:
            reason = f"is no longer sold as {variant.title}"
        else:
            continue
        raise LineUnavailable(
            f"{product.title} ({product.public_id}) {reason}: remove it from the cart to check out.",
            param=f"lines.{index}",
        )


def _check_cart(priced: PricedCart, *, payment_method: str, store: Store) -> None:
    cart = priced.cart
    if not priced.lines:
        raise EmptyCart("Add products to the cart before checking out.", param="lines")
    if not (cart.email or (cart.customer_id and cart.customer.email)):
        raise AddressRequired("Checkout needs an e-mail address.", param="email")
    if shortfalls := stock_shortfalls(priced):
        line, available = shortfalls[0]
        name = line.product.title + (f" ({line.variant.title})" if line.variant else "")
        raise InsufficientStock(
            f"At most {available} of {name} can be ordered now: lower the quantity in your cart.",
            param="lines",
            available=available,
        )
    if payment_method == PaymentMethodType.PICK_UP:
        return
    if priced.needs_shipping:
        _check_delivery(priced, store=store)
    if cart.coupon_id and cart.coupon.exhausted:
        raise CouponExhausted(f"The coupon '{cart.coupon.code}' reached its usage limit.", param="coupon")
    if cart.coupon_id and not priced.totals.coupon_applied:
        raise CouponNotApplicable(f"The coupon '{cart.coupon.code}' does not apply to this cart.", param="coupon")


def _check_delivery(priced: PricedCart, *, store: Store) -> None:
    cart = priced.cart
    if cart.delivery_address is None:
        raise AddressRequired("Checkout needs a delivery address.", param="delivery_address")
    if cart.shipping_method_id is None:
        if store.enable_shipping_methods and ACTIVE_SHIPPING_METHOD.rows(" LIMIT 1"):
            raise ShippingMethodRequired("Choose a shipping method for the delivery address.", param="shipping_method")
    elif not priced.shipping_available:
        raise ShippingMethodUnavailable(
            "The shipping method does not serve this address, weight or order value.", param="shipping_method"
        )


def _create_order(priced: PricedCart, *, payment_method: str, snapshots: list[dict]) -> tuple[Order, list[OrderLine]]:
    """Write the order as it will commit (payment data, and paid when the wallet pays), its lines and history."""
    cart, totals, customer = priced.cart, priced.totals, priced.cart.customer
    coupon = cart.coupon if totals.coupon_applied else None
    status = INITIAL_STATUS[payment_method]
    order = Order(
        number=allocate_order_number(),
        customer=customer,
        email=cart.email or customer.email,
        client={
            "customer": customer.public_id if customer else None,
            "name": customer.name if customer else (cart.delivery_address or {}).get("name", ""),
            "phone": customer.phone if customer else "",
            "company": customer.company if customer else "",
            "fiscal_id": customer.fiscal_id if customer else "",
            "is_registered": bool(customer and customer.user_id),
            "delivery": cart.delivery_address,
            "billing": cart.billing_address or cart.delivery_address,
        },
        status=status,
        wholesale=priced.wholesale,
        currency=priced.currency,
        taxes_included=totals.taxes_included,
        subtotal_cents=totals.subtotal_cents,
        discount_cents=totals.discount_cents,
        product_tax_cents=totals.product_tax_cents,
        shipping_cents=totals.shipping_cents,
        shipping_discount_cents=totals.shipping_discount_cents,
        payment_fee_cents=totals.payment_fee_cents,
        total_cents=totals.total_cents,
        weight_grams=totals.weight_grams,
        payment_method=payment_method,
        coupon=coupon,
        coupon_code=coupon.code if coupon else "",
        coupon_snapshot={"code": coupon.code, "type": coupon.type, "value": coupon.value} if coupon else None,
        shipping_method=cart.shipping_method,
        shipment_method=cart.shipping_method.title if cart.shipping_method_id else "",
        client_note=cart.client_note,
    )
    order.payment_data = manual_payment_data(order=order, phones=_buyer_phones(cart))
    if payment_method == PaymentMethodType.WALLET:  # the debit follows in this transaction, or nothing commits
        order.paid, order.paid_at = True, timezone.now()
    insert_with_first_version(order)  # its first version copied by the database (shopplatform/history.py)
    lines = [
        OrderLine(
            order=order,
            product=line.product,
            variant=line.variant,
            product_public_id=line.product.public_id,
            variant_public_id=line.variant.public_id if line.variant else "",
            title=line.product.title,
            option=line.variant.title if line.variant else "",
            sku=line.sku,
            barcode=line.barcode,
            unit_price_cents=amounts.item.unit_price_cents,
            quantity=line.quantity,
            tax_rate_bp=amounts.item.tax_rate_bp,
            subtotal_cents=amounts.subtotal_cents,
            discount_cents=amounts.discount_cents,
            tax_cents=amounts.tax_cents,
            total_cents=amounts.total_cents,
            weight_grams=amounts.item.weight_grams,
            position=position,
            **snapshot,
        )
        for position, (line, amounts, snapshot) in enumerate(zip(priced.lines, totals.lines, snapshots, strict=True))
    ]
    insert(*lines)
    insert(OrderStatusChange(order=order, to_status=status, note="Checkout."))
    return order, lines


def _start_card_payment(order: Order) -> Order:
    """Open the Stripe Checkout Session of a new card order; on failure cancel it and raise PaymentProviderError."""
    permalink = absolute_url(f"/order/{order.hash}")
    try:
        session = stripe_gateway.create_checkout_session(
            reference=order.public_id,
            title=f"Order #{order.number}",
            amount_cents=order.total_cents,
            currency=order.currency,
            email=order.email,
            success_url=f"{permalink}?payment=success",
            cancel_url=f"{permalink}?payment=canceled",
        )
    except PaymentProviderError as exc:
        fail_order_payment(order=order, reason=exc.detail)
        raise
    Order.objects.filter(pk=order.pk).update(
        stripe_session_id=session.id,
        payment_data={**order.payment_data, "stripe_session_id": session.id, "checkout_url": session.url},
    )
    order.refresh_from_db()
    return order
