"""Carts: creating and editing them, and pricing them through the one pricing module.

Every change locks the cart row first, so concurrent edits of one cart (and a checkout) apply one after another.
Products must be visible to the cart's customer (wholesale-only products to wholesale customers), not priced on
request, and a product with variants needs one of its active variants. The cart's `payment_method` (or the one
checkout is about to use) decides the payment fee and whether anything ships (`pick_up` ships nothing); a cart of
downloads only (products that do not ship) ships nothing whatever the method.

Stock is told when a line is added or changed, not only at checkout: a line may hold at most the units in stock
(for products that track stock and take no backorders) and one unit of a download or of a product sold singly.
The API refuses more (InsufficientStock with `available`, OnePerOrder); the store pages ask for `up_to_stock`,
which caps the line instead and leaves the asked-for quantity in `line.requested_quantity` so the page can say so.
Other carts do not reserve stock: checkout claims it.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from catalog.availability import status_allows_sale
from catalog.models import Product, Variant
from catalog.pricing import unit_price_cents
from catalog.queries import Viewer, category_and_descendants, visible_products
from shopplatform.countries import normalize_country_code
from shopplatform.prepared import PreparedQuery, insert_or_save
from shopplatform.store.models import PaymentMethod, Store
from shopplatform.store.payments import CHECKOUT_METHODS, FEE_METHODS, PaymentMethodType, checkout_code

from ..exceptions import (
    CartClosed,
    CouponExhausted,
    CouponNotApplicable,
    InsufficientStock,
    InvalidShippingMethod,
    OnePerOrder,
    PaymentMethodUnavailable,
    ProductNotOrderable,
)
from ..limits import ADDRESS_FIELDS, MAX_LINE_QUANTITY
from ..models import Cart, CartLine, Coupon, ShippingMethod
from .coupons import find_coupon
from .pricing import CouponTerms, Item, Totals, compute_totals

# Every line added and every cart priced reads these; compiled once per process.
ORDERABLE = {  # the visible product with this id or slug, as `first()` would pick it, by whether wholesale, with
    # `has_variants` (a line of it must name one): one statement where there were two
    wholesale: PreparedQuery(
        lambda slots, wholesale=wholesale: _first(
            visible_products(Viewer(is_wholesale=wholesale))
            .filter(Q(public_id=slots.text("ref")) | Q(slug=slots.text("ref")))
            .annotate(has_variants=Exists(Variant.objects.filter(product=OuterRef("pk"))))
        )
    )
    for wholesale in (False, True)
}
LINES_OF_CART = PreparedQuery(  # in the order they were added, products and variants loaded
    lambda slots: (
        CartLine.objects.filter(cart_id=slots.number("cart"))
        .select_related("product", "variant")
        .order_by("created_at", "pk")
    )
)
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
    needs_shipping: bool = True


def price_cart(
    *,
    cart: Cart,
    payment_method: str | None = None,
    store: Store | None = None,
    lines: list[CartLine] | None = None,
) -> PricedCart:
    """Price the cart as it stands, paid with `payment_method` (default: the cart's own choice, if any), with the
    settings of `store` when the caller has already read them, and with `lines` (products and variants loaded, in
    the order they were added) when this transaction has just written them.

    A coupon or shipping method that does not apply is reported, not raised.
    """
    store = store or Store.load()
    payment_method = payment_method or cart.payment_method
    wholesale = bool(cart.customer_id and cart.customer.wholesale)
    coupon = cart.coupon if cart.coupon_id and cart.coupon.is_current() and not cart.coupon.exhausted else None
    if lines is None:
        lines = LINES_OF_CART.instances(cart=cart.pk)
        for line in lines:
            line.cart = cart
    needs_shipping = cart_needs_shipping(lines)
    ships = needs_shipping and payment_method != PaymentMethodType.PICK_UP
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
    return PricedCart(cart, lines, totals, store.currency, wholesale, available, needs_shipping)


def cart_needs_shipping(lines: list[CartLine]) -> bool:
    """Whether anything in these lines is delivered; a cart of downloads only (or an empty one) ships nothing."""
    return any(line.product.ships for line in lines)


def line_limit(product: Product, variant: Variant | None) -> int | None:
    """The most units one cart line of this item may hold now; None when stock sets no limit."""
    single = 1 if not product.ships or product.stock_sold_single else None
    if not product.stock_enabled or product.stock_backorder:
        return single
    in_stock = max((variant or product).stock_quantity, 0)
    return in_stock if single is None else min(single, in_stock)


def stock_shortfalls(priced: PricedCart) -> list[tuple[CartLine, int]]:
    """The lines asking for more units than they may hold now, each with the units it may hold."""
    shortfalls = []
    for line in priced.lines:
        limit = line_limit(line.product, line.variant)
        if limit is not None and line.quantity > limit:
            shortfalls.append((line, limit))
    return shortfalls


def payment_fee_cents(payment_method: str | None) -> int:
    """The fee of paying with this method: the `surcharge_cents` of its active store row, for the FEE_METHODS
    (cash on delivery and the custom method) only; other methods cost the buyer nothing extra."""
    if payment_method not in FEE_METHODS:
        return 0
    fee = (
        PaymentMethod.objects.filter(method=payment_method, active=True)
        .values_list("surcharge_cents", flat=True)
        .first()
    )
    return fee or 0


def _item_shipping_cents(line: CartLine) -> int:
    cost = line.variant.effective_shipping_cents(line.product) if line.variant else line.product.shipping_cents
    return max(cost or 0, 0)


def create_cart(*, customer=None, session_key: str = "", lines: list[dict] | None = None, **fields) -> Cart:
    """Open a cart for a customer (or a store-page session) with optional lines and settings.

    Raise ProductNotOrderable, CouponNotFound, CouponNotApplicable, CouponExhausted, InvalidShippingMethod or
    PaymentMethodUnavailable (unknown `payment_method`).
    """
    cart, _ = _create_cart(customer=customer, session_key=session_key, lines=lines, fields=fields)
    return cart


def create_priced_cart(
    *, customer=None, store: Store | None = None, lines: list[dict] | None = None, **fields
) -> PricedCart:
    """Open a cart as `create_cart` does and price it from the rows just written (nothing is read back).

    Raise as `create_cart` does.
    """
    cart, added = _create_cart(customer=customer, session_key="", lines=lines, fields=fields)
    return price_cart(cart=cart, store=store, lines=added)


@transaction.atomic
def _create_cart(*, customer, session_key: str, lines: list[dict] | None, fields: dict) -> tuple[Cart, list[CartLine]]:
    cart = Cart(customer=customer, session_key=session_key, email=customer.email if customer else "")
    _apply(cart, fields)  # the settings go into the INSERT
    return cart, _add_lines(cart, lines or [])


@transaction.atomic
def update_cart(*, cart: Cart, lines: list[dict] | None = None, **fields) -> Cart:
    """Change the cart's settings; `lines`, when given, replace all lines. Raise CartClosed and the create errors."""
    cart = _lock_open(cart)
    _apply(cart, fields)
    if lines is not None:
        cart.lines.all().delete()
        _add_lines(cart, lines)
    return cart


@transaction.atomic
def add_cart_line(
    *, cart: Cart, product: str, variant: str | None = None, quantity: int = 1, up_to_stock: bool = False
) -> CartLine:
    """Add units of a product (or one of its variants); the same item again raises the existing line's quantity.

    Raise ProductNotOrderable, CartClosed, InsufficientStock or OnePerOrder (with `up_to_stock`, only
    InsufficientStock when none is left: otherwise the line is capped).
    """
    cart = _lock_open(cart)
    found_product, found_variant = _orderable(cart, product, variant)
    line = CartLine.objects.filter(cart=cart, product=found_product, variant=found_variant).first()
    line = _add_units(cart, found_product, found_variant, line, quantity=quantity, up_to_stock=up_to_stock)
    cart.save(update_fields=["updated_at"])
    return line


def _add_lines(cart: Cart, lines: list[dict]) -> list[CartLine]:
    """Add the lines to a cart this transaction has locked (or made) and emptied; return them in the order they
    were added. No line is read back, and the same item twice adds up in one line as `add_cart_line` would."""
    added: dict[tuple[int, int | None], CartLine] = {}
    for line in lines:
        wanted = dict(line)
        found_product, found_variant = _orderable(cart, wanted.pop("product"), wanted.pop("variant", None))
        key = (found_product.pk, found_variant.pk if found_variant else None)
        added[key] = _add_units(cart, found_product, found_variant, added.get(key), **wanted)
    return list(added.values())


def _add_units(
    cart: Cart,
    product: Product,
    variant: Variant | None,
    line: CartLine | None,
    *,
    quantity: int = 1,
    up_to_stock: bool = False,
) -> CartLine:
    if line is None:
        line = CartLine(cart=cart, product=product, variant=variant, quantity=0)
    line.quantity = _allowed_quantity(
        product, variant, min(line.quantity + quantity, MAX_LINE_QUANTITY), line, up_to_stock
    )
    insert_or_save(line)
    return line


@transaction.atomic
def update_cart_line(*, line: CartLine, quantity: int, up_to_stock: bool = False) -> CartLine:
    """Set the line's quantity. Raise CartClosed, InsufficientStock or OnePerOrder (see `add_cart_line`)."""
    _lock_open(line.cart)
    line = CartLine.objects.select_related("product", "variant").get(pk=line.pk)
    line.quantity = _allowed_quantity(line.product, line.variant, quantity, line, up_to_stock)
    line.save(update_fields=["quantity"])
    return line


def _allowed_quantity(product: Product, variant: Variant | None, wanted: int, line: CartLine, up_to_stock: bool):
    """`wanted`, or the line's limit when it is lower and the caller asked to cap; otherwise raise."""
    line.requested_quantity = wanted
    limit = line_limit(product, variant)
    if limit is None or wanted <= limit:
        return wanted
    name = product.title + (f" ({variant.title})" if variant else "")
    if limit == 0:
        raise InsufficientStock(f"{name} is sold out.", param="quantity", available=0)
    if up_to_stock:
        return limit
    if limit == 1 and (not product.ships or product.stock_sold_single):
        kind = "a download" if not product.ships else "sold singly"
        raise OnePerOrder(f"{name} is {kind}: one per order.", param="quantity")
    raise InsufficientStock(
        f"Only {limit} of {name} left; the line can hold at most {limit}.", param="quantity", available=limit
    )


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
    insert_or_save(cart)


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
    found = ORDERABLE[bool(cart.customer_id and cart.customer.wholesale)].instances(ref=product_ref)
    product = found[0] if found else None
    if product is None:
        raise ProductNotOrderable(f"No product '{product_ref}' is available.", param="product")
    variant = None
    if variant_ref:
        variant = product.variants.filter(active=True, public_id=variant_ref).first()
        if variant is None:
            raise ProductNotOrderable(f"'{variant_ref}' is not an active variant of {product.title}.", param="variant")
    elif product.has_variants:
        raise ProductNotOrderable(f"{product.title} comes in variants: choose one.", param="variant")
    if product.price_on_request or (variant is not None and variant.price_on_request):
        raise ProductNotOrderable(f"{product.title} is priced on request.", param="product")
    if not status_allows_sale(status=product.status, stock_enabled=product.stock_enabled):
        raise ProductNotOrderable(f"{product.title} is {product.get_status_display().lower()}.", param="product")
    return product, variant


def _first(products):
    """What `first()` reads: one row, in the queryset's order, else by key."""
    return (products if products.ordered else products.order_by("pk"))[:1]


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
