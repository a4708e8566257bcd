"""Demo shipping methods, coupons and orders for `seed_demo` (idempotent).

Every order goes through the cart, checkout and workflow services, as a buyer's would. The demo buyer pays for the
knitting pattern from their wallet (so they own it and can download it), has a delivered order and one waiting for
a bank transfer, and reviews what they bought. A demo order is recognised by its client note.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog.digital.demo import PATTERN_SLUG
from catalog.models import Product
from catalog.reviews.services import post_review
from shopplatform.accounts.demo import BUYER_DELIVERY, BUYER_EMAIL
from shopplatform.accounts.models import Customer
from shopplatform.errors import ShopError
from shopplatform.store.models import PaymentMethod
from shopplatform.store.payments import PaymentMethodType

from . import services
from .models import Coupon, Order, OrderStatus, ShippingMethod

SHIPPING_METHODS = [
    {
        "title": "CTT Expresso",
        "description": "Mainland Portugal, 1-2 working days.",
        "countries": ["PRT"],
        "max_weight_grams": 30_000,
        "price_cents": 450,
        "free_over_cents": 5900,
        "position": 1,
    },
    {
        "title": "Europe courier",
        "description": "EU countries, 3-5 working days.",
        "countries": ["ESP", "FRA", "DEU", "ITA", "NLD", "BEL"],
        "max_weight_grams": 30_000,
        "price_cents": 1200,
        "position": 2,
    },
    {"title": "Worldwide", "description": "Everywhere else, 7-14 days.", "price_cents": 2500, "position": 3},
]
COUPONS = [
    {"code": "WELCOME10", "type": "percent", "value": 10, "limit": 0},
    {"code": "FREESHIP", "type": "shipping", "applies_to": "orders_over", "orders_over_cents": 3000, "limit": 100},
    {"code": "FIVEOFF", "type": "money", "value": 500, "limit": 50},
]
DEMO_NOTE = "Demo order"
DELIVERY = {
    "name": "Ana Silva",
    "address": "Rua Augusta 100",
    "city": "Lisboa",
    "zip_code": "1100-053",
    "country_code": "PRT",
}


@transaction.atomic
def seed_demo(*, stdout) -> None:
    created = 0
    for fields in SHIPPING_METHODS:
        if not ShippingMethod.objects.filter(title=fields["title"]).exists():
            services.create_shipping_method(**fields)
            created += 1
    stdout.write(f"Shipping methods: {created} created.")
    created = 0
    for fields in COUPONS:
        if not Coupon.objects.filter(code__iexact=fields["code"]).exists():
            services.create_coupon(**fields)
            created += 1
    stdout.write(f"Coupons: {created} created.")
    stdout.write(f"Orders: {_seed_orders()} created.")
    stdout.write(f"Demo buyer: {_seed_buyer_orders()} order(s) placed, {_seed_buyer_reviews()} review(s) posted.")


def _seed_orders() -> int:
    if Order.objects.filter(client_note__startswith=DEMO_NOTE).exists():
        return 0
    customer = Customer.objects.order_by("pk").first()
    products = list(
        Product.objects.filter(status="active", variants__isnull=True, price_on_request=False, ships=True)[:2]
    )
    method = PaymentMethod.objects.filter(
        method__in=[PaymentMethodType.BANK_TRANSFER, PaymentMethodType.PICK_UP], active=True
    ).first()
    courier = ShippingMethod.objects.filter(title="CTT Expresso").first()
    if customer is None or not products or method is None:
        return 0
    payment_method = method.method
    count = 0
    for index, product in enumerate(products, start=1):
        cart = services.create_cart(
            customer=customer,
            lines=[{"product": product.public_id, "quantity": index}],
            delivery_address=DELIVERY,
            shipping_method=courier.public_id if courier else None,
            client_note=f"{DEMO_NOTE} {index}",
        )
        try:
            with transaction.atomic():
                services.check_out_cart(cart=cart, payment_method=payment_method)
            count += 1
        except ShopError:
            continue  # e.g. a demo product without stock: skip it, the demo stays usable
    return count


BUYER_NOTE = "Demo buyer order"
# note suffix, lines (slug, quantity), payment method, statuses the merchant then moves the order through
BUYER_ORDERS = [
    ("pattern", [(PATTERN_SLUG, 1)], PaymentMethodType.WALLET, []),
    (
        "delivered",
        [("ceramic-vase", 1), ("linen-apron", 2)],
        PaymentMethodType.BANK_TRANSFER,
        ["paid", OrderStatus.SENT, OrderStatus.DELIVERED],
    ),
    ("awaiting transfer", [("oak-cutting-board", 1)], PaymentMethodType.BANK_TRANSFER, []),
]
TRACKING = {"tracking_code": "RR123456785PT", "tracking_carrier": "ctt"}
# slug, rating, body
BUYER_REVIEWS = [
    (PATTERN_SLUG, 5, "<p>Clear charts and a lovely drape. Version 1.2 fixed the rows I got stuck on.</p>"),
    ("ceramic-vase", 4, "<p>Beautiful glaze, heavier than it looks. Arrived well packed.</p>"),
]


def _seed_buyer_orders() -> int:
    buyer = Customer.objects.filter(email=BUYER_EMAIL).first()
    courier = ShippingMethod.objects.filter(title="CTT Expresso").first()
    staff = get_user_model().objects.filter(username="admin", is_staff=True).first()
    if buyer is None:
        return 0
    placed = 0
    for suffix, lines, payment_method, moves in BUYER_ORDERS:
        note = f"{BUYER_NOTE}: {suffix}"
        products = {product.slug: product for product in Product.objects.filter(slug__in=[slug for slug, _ in lines])}
        if Order.objects.filter(client_note=note).exists() or len(products) < len(lines):
            continue
        ships = any(products[slug].ships for slug, _ in lines)
        try:
            with transaction.atomic():
                cart = services.create_cart(
                    customer=buyer,
                    lines=[{"product": products[slug].public_id, "quantity": quantity} for slug, quantity in lines],
                    delivery_address=BUYER_DELIVERY if ships else None,
                    shipping_method=courier.public_id if ships and courier else None,
                    client_note=note,
                )
                order, _ = services.check_out_cart(cart=cart, payment_method=payment_method)
                for move in moves:
                    _move(order, move, staff)
        except ShopError:
            continue  # e.g. a store without bank transfers or a product sold out: the rest of the demo still loads
        placed += 1
    return placed


def _move(order: Order, move: str, staff) -> None:
    if move == "paid":
        services.mark_order_paid(order=order, changed_by=staff)
    elif move == OrderStatus.SENT:
        services.update_order(order=order, changed_by=staff, status=move, **TRACKING)
    else:
        services.change_order_status(order=order, status=move, changed_by=staff)


def _seed_buyer_reviews() -> int:
    buyer = Customer.objects.filter(email=BUYER_EMAIL, user__isnull=False).select_related("user").first()
    if buyer is None:
        return 0
    posted = 0
    for slug, rating, body in BUYER_REVIEWS:
        product = Product.objects.filter(slug=slug).first()
        if product is None or product.reviews.filter(customer=buyer).exists():
            continue
        try:
            post_review(user=buyer.user, product=product, rating=rating, body=body)
        except ShopError:
            continue  # the buyer does not own it (its order was skipped above)
        posted += 1
    return posted
