"""Demo shipping methods, coupons and a couple of orders for `seed_demo` (idempotent)."""

from django.db import transaction

from catalog.models import Product
from shopplatform.accounts.models import Customer
from shopplatform.errors import ShopError
from shopplatform.store.models import PaymentMethod
from shopplatform.store.payments import PaymentMethodType

from . import services
from .models import Coupon, Order, ShippingMethod

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
