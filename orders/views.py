"""Store pages of the orders app: cart, checkout, and the order page at its permalink /order/<hash>.

The pages call the same services as the API (add_cart_line, update_cart, price_cart, quote_shipping_methods,
check_out_cart); a refused operation becomes a message or a form error, never a second copy of a rule.

Which cart a visitor has: the session remembers the cart's public id. A signed-in buyer's cart belongs to their
customer record; a guest cart found in the session when they sign in is merged into it, so signing in at checkout
(for the wallet) keeps what they picked.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from shopplatform.accounts.models import Customer
from shopplatform.accounts.queries import address_book, address_snapshot, saved_address_fields
from shopplatform.accounts.services import ensure_customer, update_customer
from shopplatform.countries import country_name
from shopplatform.errors import ShopError
from shopplatform.money import format_money
from shopplatform.store.context_processors import current_store
from shopplatform.store.models import PaymentMethod, Store
from shopplatform.store.payments import MANUAL_METHODS, PROVIDER_METHODS, PaymentMethodType
from wallet.services import wallet_for_customer

from .forms import AddToCartForm, CheckoutForm, CouponForm, ShippingQuoteForm, store_country
from .links import order_for_token
from .models import Cart, CartLine, Order
from .payments.instructions import payment_instructions
from .queries import carts_of, orders_with_lines, shipping_methods_for
from .services import (
    PricedCart,
    add_cart_line,
    check_out_cart,
    create_cart,
    delete_cart_line,
    price_cart,
    quote_shipping_methods,
    update_cart,
    update_cart_line,
)
from .services.carts import payment_fee_cents, stock_shortfalls
from .services.checkout import accepted_payment_methods

CART_SESSION_KEY = "cart_id"
# Form fields that service errors point at through their `param`.
PARAM_FIELDS = {
    "email": "email",
    "delivery_address": "address",
    "delivery_address.country_code": "country",
    "billing_address.country_code": "billing_country",
    "shipping_method": "shipping_method",
    "payment_method": "payment_method",
}


def _customer(request) -> Customer | None:
    return ensure_customer(user=request.user) if request.user.is_authenticated else None


def current_cart(request, *, create: bool = False) -> Cart | None:
    """The visitor's open cart (see the module docstring); a new one when `create` and there is none."""
    customer = _customer(request)
    cart = None
    cart_id = request.session.get(CART_SESSION_KEY)
    if cart_id:
        cart = Cart.objects.filter(public_id=cart_id, status=Cart.Status.OPEN).select_related("customer").first()
        if cart is not None and cart.customer_id and (customer is None or cart.customer_id != customer.pk):
            cart = None  # someone else's cart: the session outlived a sign-out
    if customer is not None:
        if cart is not None and cart.customer_id is None:
            cart = _merge_guest_cart(cart, customer)
        elif cart is None:
            cart = carts_of(customer=customer).filter(status=Cart.Status.OPEN).order_by("-updated_at").first()
    if cart is None and create:
        if not request.session.session_key:
            request.session.save()
        cart = create_cart(customer=customer, session_key=request.session.session_key)
    if cart is not None:
        request.session[CART_SESSION_KEY] = cart.public_id
    return cart


def _merge_guest_cart(guest: Cart, customer: Customer) -> Cart:
    target = carts_of(customer=customer).filter(status=Cart.Status.OPEN).order_by("-updated_at").first()
    if target is None:
        target = create_cart(customer=customer, session_key=guest.session_key)
    for line in guest.lines.select_related("product", "variant"):
        try:
            add_cart_line(
                cart=target,
                product=line.product.public_id,
                variant=line.variant.public_id if line.variant else None,
                quantity=line.quantity,
            )
        except ShopError:
            continue  # no longer orderable by this customer: leave it behind
    return target


def cart_quantity(request) -> int:
    """Units in the visitor's cart, for the header badge (one query, no cart created)."""
    cart_id = request.session.get(CART_SESSION_KEY)
    if not cart_id:
        return 0
    lines = CartLine.objects.filter(cart__public_id=cart_id, cart__status=Cart.Status.OPEN)
    return lines.aggregate(units=Sum("quantity"))["units"] or 0


@dataclass(frozen=True)
class Money:
    """Formats cents in the store's currency and locale."""

    currency: str
    locale: str

    def __call__(self, cents: int) -> str:
        return format_money(cents, self.currency, self.locale)


def _money(request, currency: str | None = None) -> Money:
    store = current_store(request)
    return Money(currency or store.currency, store.locale)


def _summary(priced: PricedCart, money: Money) -> dict:
    """Lines and totals of a priced cart, formatted for display."""
    totals = priced.totals
    return {
        "lines": [
            {
                "line": line,
                "unit_price": money(amounts.item.unit_price_cents),
                "total": money(amounts.subtotal_cents),
            }
            for line, amounts in zip(priced.lines, totals.lines, strict=True)
        ],
        "subtotal": money(totals.subtotal_cents),
        "discount": money(totals.discount_cents) if totals.discount_cents else "",
        "tax": money(totals.product_tax_cents) if totals.product_tax_cents else "",
        "taxes_included": totals.taxes_included,
        "shipping": money(totals.shipping_cents - totals.shipping_discount_cents)
        if priced.cart.shipping_method_id
        else "",
        "total": money(totals.total_cents),
        "coupon_applied": totals.coupon_applied,
        "units": sum(line.quantity for line in priced.lines),
        "needs_shipping": priced.needs_shipping,
        "stock_warnings": [
            f"Only {available} of {_item_name(line)} left — lower the quantity to {available} to check out."
            if available
            else f"{_item_name(line)} is sold out — remove it to check out."
            for line, available in stock_shortfalls(priced)
        ],
    }


def _item_name(line) -> str:
    return line.product.title + (f" ({line.variant.title})" if line.variant else "")


def _capped_message(line) -> str:
    """What the page says when a line was capped at the units it may hold."""
    if not line.product.ships:
        return f"{line.product.title} is a download: one is all you need."
    return f"Only {line.quantity} left — quantity set to {line.quantity}."


def _shipping_quotes(priced: PricedCart, country: str, money: Money) -> list[dict]:
    methods = list(shipping_methods_for(include_inactive=False))
    quotes = quote_shipping_methods(
        methods=methods,
        country_code=country,
        weight_grams=priced.totals.weight_grams,
        value_cents=priced.totals.value_cents,
    )
    return [
        {"method": method, "price": money(quotes[method.pk]) if quotes[method.pk] else "Free"}
        for method in methods
        if method.pk in quotes
    ]


def cart_detail(request):
    cart = current_cart(request)
    if request.method == "POST" and cart is not None:
        return _update_lines(request, cart)
    context = {"cart": cart, "coupon_form": CouponForm(initial={"code": request.GET.get("coupon", "")[:64]})}
    if cart is not None:
        priced = price_cart(cart=cart)
        money = _money(request, priced.currency)
        store = current_store(request)
        default_country = (cart.delivery_address or {}).get("country_code") or store_country(store)
        quote_form = ShippingQuoteForm(request.GET if "country" in request.GET else {"country": default_country})
        quotes = _shipping_quotes(priced, quote_form.cleaned_data["country"], money) if quote_form.is_valid() else []
        context |= {"summary": _summary(priced, money), "quote_form": quote_form, "quotes": quotes}
    return render(request, "orders/cart.html", context)


def _update_lines(request, cart: Cart):
    """One form for the whole cart: "Update" sets every quantity (0 removes), "Remove" drops one line."""
    lines = {line.public_id: line for line in cart.lines.all()}
    try:
        if request.POST.get("remove") in lines:
            delete_cart_line(line=lines[request.POST["remove"]])
            messages.info(request, "The item was removed from your cart.")
            return redirect("orders:cart")
        for public_id, line in lines.items():
            quantity = _quantity(request.POST.get(f"quantity-{public_id}"), default=line.quantity)
            if quantity == 0:
                delete_cart_line(line=line)
            elif quantity != line.quantity:
                updated = update_cart_line(line=line, quantity=quantity, up_to_stock=True)
                if updated.quantity < quantity:
                    messages.warning(request, f"{_item_name(updated)}: {_capped_message(updated)}")
    except ShopError as exc:
        messages.error(request, exc.detail)
        return redirect("orders:cart")
    messages.success(request, "Your cart was updated.")
    return redirect("orders:cart")


def _quantity(value: str | None, *, default: int) -> int:
    """A quantity field's number clamped to 0..99; anything unreadable keeps the current quantity."""
    try:
        return max(0, min(int(value), 99))
    except (TypeError, ValueError):
        return default


@require_POST
def cart_add(request, slug: str):
    form = AddToCartForm(request.POST)
    product_url = reverse("catalog:product", args=[slug])
    if not form.is_valid():
        messages.error(request, "Choose a quantity between 1 and 99.")
        return redirect(product_url)
    variant = form.cleaned_data["variant"] or None
    cart = current_cart(request, create=True)
    try:
        line = add_cart_line(
            cart=cart, product=slug, variant=variant, quantity=form.cleaned_data["quantity"], up_to_stock=True
        )
    except ShopError as exc:
        messages.error(request, exc.detail)
        return redirect(f"{product_url}?variant={variant}" if variant else product_url)
    if line.quantity < line.requested_quantity:
        messages.warning(request, f"{_item_name(line)}: {_capped_message(line)}")
    else:
        messages.success(request, f"{_item_name(line)} was added to your cart.")
    return redirect("orders:cart")


@require_POST
def cart_coupon(request):
    cart = current_cart(request)
    if cart is None:
        return redirect("orders:cart")
    if "remove" in request.POST:
        update_cart(cart=cart, coupon=None)
        messages.info(request, "The coupon was removed.")
        return redirect("orders:cart")
    form = CouponForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a coupon code.")
        return redirect("orders:cart")
    try:
        update_cart(cart=cart, coupon=form.cleaned_data["code"].strip())
    except ShopError as exc:
        messages.error(request, exc.detail)
        typed = urlencode({"coupon": form.cleaned_data["code"]})
        return redirect(f"{reverse('orders:cart')}?{typed}#coupon-code")  # the field keeps what was typed
    else:
        messages.success(request, "The coupon was applied.")
    return redirect("orders:cart")


def payment_choices(request, store: Store, money: Money, *, needs_shipping: bool = True) -> list[tuple[str, str]]:
    """Labels for the payment methods checkout accepts (orders.services.checkout.accepted_payment_methods)."""
    titles = {method.method: method.title for method in PaymentMethod.objects.filter(store=store, active=True)}
    choices = []
    accepted = accepted_payment_methods(has_customer=request.user.is_authenticated, needs_shipping=needs_shipping)
    for method in accepted:
        if method == PaymentMethodType.WALLET:
            wallet = wallet_for_customer(customer=_customer(request))
            choices.append((method, f"Wallet (available {money(wallet.available_cents)})"))
        else:
            fee = payment_fee_cents(method)
            title = titles.get(method, method.label)
            choices.append((method, f"{title} (+ {money(fee)} fee)" if fee else title))
    return choices


def checkout(request):
    cart = current_cart(request)
    if cart is None or not cart.lines.exists():
        messages.info(request, "Your cart is empty.")
        return redirect("orders:cart")
    store = current_store(request)
    priced = price_cart(cart=cart)
    money = _money(request, priced.currency)
    form = _checkout_form(request, cart, store, priced, money)
    if request.method == "POST" and form.is_valid():
        order = _place_order(request, cart, form)
        if order is not None:
            return _after_order(request, order)
        priced = price_cart(cart=Cart.objects.get(pk=cart.pk))
    saved = [
        {"id": address.pk, "label": str(address), **address_snapshot(address)}
        for address in address_book(cart.customer)
    ]
    context = {"form": form, "summary": _summary(priced, money), "cart": cart, "saved_addresses": saved}
    return render(request, "orders/checkout.html", context, status=400 if form.errors else 200)


def _checkout_form(request, cart: Cart, store: Store, priced: PricedCart, money: Money) -> CheckoutForm:
    delivery = cart.delivery_address or {}
    customer = cart.customer
    country = request.POST.get("country") or delivery.get("country_code") or store_country(store)
    quotes = _shipping_quotes(priced, country, money) if ShippingQuoteForm({"country": country}).is_valid() else []
    shipping_choices = [(quote["method"].public_id, f"{quote['method'].title} — {quote['price']}") for quote in quotes]
    if not delivery and customer is not None:  # nothing typed yet: start from the buyer's default saved address
        delivery = saved_address_fields(customer)
    initial = {
        "email": cart.email or (customer.email if customer else ""),
        "name": delivery.get("name") or (customer.name if customer else ""),
        "phone": delivery.get("phone") or (customer.phone if customer else ""),
        "company": delivery.get("company") or (customer.company if customer else ""),
        "fiscal_id": customer.fiscal_id if customer else "",
        "address": delivery.get("address", ""),
        "address_extra": delivery.get("address_extra", ""),
        "city": delivery.get("city", ""),
        "zip_code": delivery.get("zip_code", ""),
        "country": country,
        "billing_same": not cart.billing_address,
        "billing_country": (cart.billing_address or {}).get("country_code") or country,
        "shipping_method": (
            cart.shipping_method.public_id
            if cart.shipping_method_id
            else (shipping_choices[0][0] if len(shipping_choices) == 1 else "")  # the only fitting one
        ),
        "client_note": cart.client_note,
    }
    return CheckoutForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        store=store,
        shipping_choices=shipping_choices if priced.needs_shipping else [],
        payment_choices=payment_choices(request, store, money, needs_shipping=priced.needs_shipping),
        needs_shipping=priced.needs_shipping,
    )


def _place_order(request, cart: Cart, form: CheckoutForm) -> Order | None:
    """Save the buyer's details on the cart and check it out; on refusal put the reason on the form."""
    data = form.cleaned_data
    try:
        update_cart(
            cart=cart,
            email=data["email"],
            delivery_address=form.delivery_payload(),
            billing_address=form.billing_payload(),
            shipping_method=data.get("shipping_method") or None,
            client_note=data["client_note"],
        )
        if cart.customer_id:
            profile = {name: data[name] for name in ("name", "phone", "company", "fiscal_id") if name in data}
            if any(getattr(cart.customer, name) != value for name, value in profile.items()):
                update_customer(customer=cart.customer, **profile)
        order, _ = check_out_cart(cart=cart, payment_method=data["payment_method"])
    except ShopError as exc:
        field = PARAM_FIELDS.get(exc.param or "")
        form.add_error(field if field in form.fields else None, exc.detail)
        return None
    return order


def _after_order(request, order: Order):
    request.session.pop(CART_SESSION_KEY, None)
    checkout_url = order.payment_data.get("checkout_url") if order.payment_method in PROVIDER_METHODS else ""
    if checkout_url:
        return HttpResponseRedirect(checkout_url)  # Stripe Checkout or PayPal; both return to the order permalink
    return redirect(f"{reverse('orders:order', args=[order.hash])}?placed=1")


def order_status(request, order_hash: str):
    """The order's permalink: anyone with the unguessable hash may see it."""
    order = get_object_or_404(_orders_for_page(), hash=order_hash)
    return _order_page(request, order)


def order_link(request, token: str):
    """The order's page reached from an e-mail: the signed token names the order (orders.links)."""
    found = order_for_token(token)
    if found is None:
        return render(request, "orders/order_link_invalid.html", status=404)
    return _order_page(request, get_object_or_404(_orders_for_page(), pk=found.pk))


def _orders_for_page():
    return orders_with_lines().select_related("customer").prefetch_related("status_changes", "lines__product")


def _order_page(request, order: Order):
    money = _money(request, order.currency)
    manual = order.payment_method in MANUAL_METHODS
    payment = PaymentMethod.objects.filter(method=order.payment_method).first() if manual else None
    instructions = payment_instructions(order, money=money)
    lines = [
        {
            "line": line,
            "unit_price": money(line.unit_price_cents),
            "total": money(line.subtotal_cents),
            "download": line.product is not None and not line.product.ships,
        }
        for line in order.lines.all()
    ]
    context = {
        "order": order,
        "lines": lines,
        "totals": {
            "subtotal": money(order.subtotal_cents),
            "discount": money(order.discount_cents) if order.discount_cents else "",
            "tax": money(order.product_tax_cents) if order.product_tax_cents else "",
            "shipping": money(order.shipping_cents - order.shipping_discount_cents),
            "payment_fee": money(order.payment_fee_cents) if order.payment_fee_cents else "",
            "total": money(order.total_cents),
        },
        "payment_title": payment.title if payment else PaymentMethodType(order.payment_method).label,
        "payment_message": instructions.message if instructions else "",
        "payment_details": instructions.details if instructions else [],
        "placed": request.GET.get("placed") == "1",
        "payment_return": request.GET.get("payment", ""),
        "history": list(order.status_changes.all()),
        "has_downloads": any(row["download"] for row in lines),
        "delivery_country": country_name((order.client.get("delivery") or {}).get("country_code", "")),
    }
    return render(request, "orders/order.html", context)
