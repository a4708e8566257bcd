"""Carts: creating and editing them, and pricing them through the one pricing module.

Every change locks the cart row first, so concurrent edits of one cart (and a checkout) apply one after another.
Products must be visible to the cart's customer (wholesale-only products to wholesale customers), not priced on
request, and a product with variants needs one of its active variants. The cart's `payment_method` (or the one
checkout is about to use) decides the payment fee and whether anything ships (`pick_up` ships nothing).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from catalog.models import Product, Variant
from catalog.pricing import unit_price_cents
from catalog.queries import Viewer, category_and_descendants, visible_products
from shopplatform.countries import normalize_country_code
from shopplatform.store.models import PaymentMethod, Store
from shopplatform.store.payments import CHECKOUT_METHODS, PaymentMethodType, checkout_code

from ..exceptions import (
    CartClosed,
    CouponExhausted,
    CouponNotApplicable,
    InvalidShippingMethod,
    PaymentMethodUnavailable,
    ProductNotOrderable,
)
from ..limits import ADDRESS_FIELDS, MAX_LINE_QUANTITY
from ..models import Cart, CartLine, Coupon, ShippingMethod
from .coupons import find_coupon
from .pricing import CouponTerms, Item, Totals, compute_totals

CART_FIELDS = (
    "email",
    "coupon",
    "shipping_method",
    "delivery_address",
    "billing_address",
    "client_note",
    "payment_method",
)
UNSET = object()


@dataclass(frozen=True)
class PricedCart:
    """A cart with its lines and the amounts the pricing module computed for them (same order as `lines`)."""

    cart: Cart
    lines: list[CartLine]
    totals: Totals
    currency: str
    wholesale: bool
    shipping_available: bool


def price_cart(*, cart: Cart, payment_method: str | None = None) -> PricedCart:
    """Price the cart as it stands, paid with `payment_method` (default: the cart's own choice, if any).

    A coupon or shipping method that does not apply is reported, not raised.
    """
    store = Store.load()
    payment_method = payment_method or cart.payment_method
    ships = payment_method != PaymentMethodType.PICK_UP
    wholesale = bool(cart.customer_id and cart.customer.wholesale)
    coupon = cart.coupon if cart.coupon_id and cart.coupon.is_current() and not cart.coupon.exhausted else None
    lines = list(cart.lines.select_related("product", "variant").order_by("created_at", "pk"))
    needs_categories = coupon is not None and coupon.applies_to == Coupon.AppliesTo.CATEGORY
    product_categories = _category_ids([line.product_id for line in lines]) if needs_categories else {}
    items = [
        Item(
            unit_price_cents=unit_price_cents(line.product, line.variant, wholesale=wholesale),
            quantity=line.quantity,
            tax_rate_bp=(line.product.tax_rate_bp or 0) if line.product.taxable else 0,
            weight_grams=(
                line.variant.effective_weight_grams(line.product) if line.variant else line.product.weight_grams
            )
            or 0,
            product_id=line.product_id,
            category_ids=product_categories.get(line.product_id, frozenset()),
            shipping_cents=_item_shipping_cents(line) if ships else 0,
            shipping_alone=line.product.shipping_alone,
        )
        for line in lines
    ]
    method = cart.shipping_method if cart.shipping_method_id and cart.shipping_method.active else None
    method = method if ships else None
    totals = compute_totals(
        items=items,
        taxes_included=store.wholesale_taxes_included if wholesale else store.taxes_included,
        coupon=_terms(coupon) if coupon else None,
        shipping_price_cents=method.price_cents if method else 0,
        shipping_free_over_cents=method.free_over_cents if method else None,
        payment_fee_cents=payment_fee_cents(payment_method),
    )
    country = (cart.delivery_address or {}).get("country_code")
    available = cart.shipping_method_id is None or (
        method is not None
        and method.serves(country_code=country, weight_grams=totals.weight_grams, value_cents=totals.value_cents)
    )
    return PricedCart(cart, lines, totals, store.currency, wholesale, available)


def payment_fee_cents(payment_method: str | None) -> int:
    """The surcharge of paying with this method: the active store `on_delivery` method's `surcharge_cents`.

    Only cash on delivery carries one: card surcharges are banned for consumer cards in the EU (PSD2), and the
    store field is the cash-on-delivery fee the store settings set on their `on_delivery` method.
    """
    if payment_method != PaymentMethodType.ON_DELIVERY:
        return 0
    fee = (
        PaymentMethod.objects.filter(method=PaymentMethodType.ON_DELIVERY, active=True)
        .values_list("surcharge_cents", flat=True)
        .first()
    )
    return fee or 0


def _item_shipping_cents(line: CartLine) -> int:
    cost = line.variant.effective_shipping_cents(line.product) if line.variant else line.product.shipping_cents
    return max(cost or 0, 0)


@transaction.atomic
def create_cart(*, customer=None, session_key: str = "", lines: list[dict] | None = None, **fields) -> Cart:
    """Open a cart for a customer (or a store-page session) with optional lines and settings.

    Raise ProductNotOrderable, CouponNotFound, CouponNotApplicable, CouponExhausted, InvalidShippingMethod or
    PaymentMethodUnavailable (unknown `payment_method`).
    """
    cart = Cart.objects.create(customer=customer, session_key=session_key, email=customer.email if customer else "")
    _apply(cart, fields)
    for line in lines or []:
        add_cart_line(cart=cart, **line)
    return cart


@transaction.atomic
def update_cart(*, cart: Cart, lines: list[dict] | None = None, **fields) -> Cart:
    """Change the cart's settings; `lines`, when given, replace all lines. Raise CartClosed and the create errors."""
    cart = _lock_open(cart)
    _apply(cart, fields)
    if lines is not None:
        cart.lines.all().delete()
        for line in lines:
            add_cart_line(cart=cart, **line)
    return cart


@transaction.atomic
def add_cart_line(*, cart: Cart, product: str, variant: str | None = None, quantity: int = 1) -> CartLine:
    """Add units of a product (or one of its variants); the same item again raises the existing line's quantity.

    Raise ProductNotOrderable or CartClosed.
    """
    cart = _lock_open(cart)
    found_product, found_variant = _orderable(cart, product, variant)
    line = CartLine.objects.filter(cart=cart, product=found_product, variant=found_variant).first()
    if line is None:
        line = CartLine(cart=cart, product=found_product, variant=found_variant, quantity=0)
    line.quantity = min(line.quantity + quantity, MAX_LINE_QUANTITY)
    line.save()
    cart.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def update_cart_line(*, line: CartLine, quantity: int) -> CartLine:
    """Set the line's quantity. Raise CartClosed."""
    _lock_open(line.cart)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


@transaction.atomic
def delete_cart_line(*, line: CartLine) -> None:
    """Remove the line. Raise CartClosed."""
    _lock_open(line.cart)
    line.delete()


def normalize_address(data: dict | None, *, param: str) -> dict | None:
    """Keep the known address fields as strings, the country as an ISO alpha-3 code. Raise InvalidCountryCode."""
    if data is None:
        return None
    address = {name: str(data.get(name) or "").strip() for name in ADDRESS_FIELDS}
    address["country_code"] = normalize_country_code(address["country_code"], param=f"{param}.country_code")
    return address


def _lock_open(cart: Cart) -> Cart:
    locked = Cart.objects.select_for_update(of=("self",)).select_related("customer").get(pk=cart.pk)
    if locked.status != Cart.Status.OPEN:
        raise CartClosed(f"The cart {locked.public_id} was already checked out.", param="cart")
    return locked


def _apply(cart: Cart, fields: dict) -> None:
    unknown = set(fields) - set(CART_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected cart fields: {', '.join(sorted(unknown))}")
    if "coupon" in fields:
        fields["coupon"] = _usable_coupon(fields["coupon"]) if fields["coupon"] else None
    if "shipping_method" in fields and isinstance(fields["shipping_method"], str):
        fields["shipping_method"] = _active_shipping_method(fields["shipping_method"])
    if "payment_method" in fields:
        fields["payment_method"] = _known_payment_method(fields["payment_method"])
    for name in ("delivery_address", "billing_address"):
        if name in fields:
            fields[name] = normalize_address(fields[name], param=name)
    for name, value in fields.items():
        setattr(cart, name, value)
    cart.save()


def _known_payment_method(value: str | None) -> str:
    if value and value not in CHECKOUT_METHODS:
        raise PaymentMethodUnavailable(f"The store does not accept '{checkout_code(value)}'.", param="payment_method")
    return value or ""  # null or "" clears the choice


def _usable_coupon(code: str) -> Coupon:
    coupon = find_coupon(code=code)
    if not coupon.is_current():
        raise CouponNotApplicable(f"The coupon '{coupon.code}' is not valid today.", param="coupon")
    if coupon.exhausted:
        raise CouponExhausted(f"The coupon '{coupon.code}' reached its usage limit.", param="coupon")
    return coupon


def _active_shipping_method(ref: str) -> ShippingMethod:
    method = ShippingMethod.objects.filter(public_id=ref, active=True).first()
    if method is None:
        raise InvalidShippingMethod(f"No active shipping method has the id '{ref}'.", param="shipping_method")
    return method


def _orderable(cart: Cart, product_ref: str, variant_ref: str | None) -> tuple[Product, Variant | None]:
    viewer = Viewer(is_wholesale=bool(cart.customer_id and cart.customer.wholesale))
    product = visible_products(viewer).filter(Q(public_id=product_ref) | Q(slug=product_ref)).first()
    if product is None:
        raise ProductNotOrderable(f"No product '{product_ref}' is available.", param="product")
    variants = product.variants.filter(active=True)
    variant = None
    if variant_ref:
        variant = variants.filter(public_id=variant_ref).first()
        if variant is None:
            raise ProductNotOrderable(f"'{variant_ref}' is not an active variant of {product.title}.", param="variant")
    elif product.variants.exists():
        raise ProductNotOrderable(f"{product.title} comes in variants: choose one.", param="variant")
    if product.price_on_request or (variant is not None and variant.price_on_request):
        raise ProductNotOrderable(f"{product.title} is priced on request.", param="product")
    return product, variant


def _terms(coupon: Coupon) -> CouponTerms:
    return CouponTerms(
        type=coupon.type,
        value=coupon.value,
        applies_to=coupon.applies_to,
        orders_over_cents=coupon.orders_over_cents,
        product_id=coupon.product_id,
        category_ids=frozenset(category_and_descendants(coupon.category.public_id))
        if coupon.category_id
        else frozenset(),
    )


def _category_ids(product_ids: list[int]) -> dict[int, frozenset[int]]:
    pairs = Product.categories.through.objects.filter(product_id__in=product_ids).values_list(
        "product_id", "category_id"
    )
    found: dict[int, set[int]] = {}
    for product_id, category_id in pairs:
        found.setdefault(product_id, set()).add(category_id)
    return {product_id: frozenset(ids) for product_id, ids in found.items()}
