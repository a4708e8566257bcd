"""What each export writes: one sheet per subject, money in currency units ("24.00"), one row per record.

Products: a product without variants is one row; a product with variants is one row per variant, the product's
columns repeated and the variant's in `variant_sku`, `options` ("Size: M / Colour: Blue"), `variant_price`,
`variant_stock`, `variant_active`. The products, customers and coupons sheets are the import formats, so an
exported file imported again changes nothing. Orders carry their own currency column and their lines as
"SKU x quantity" joined by "; ".
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

from catalog.models import Product, Variant
from orders.models import Coupon, Order
from shopplatform.accounts.models import Address, Customer
from shopplatform.money import to_decimal
from shopplatform.store.models import Store

CHUNK_SIZE = 1000
OPTION_SEPARATOR, VALUE_SEPARATOR = " / ", ": "
PRODUCT_COLUMNS = ["sku", "title", "status", "price", "promo_price", "stock_enabled", "stock_quantity", "description"]
VARIANT_COLUMNS = ["variant_sku", "options", "variant_price", "variant_stock", "variant_active"]
ADDRESS_COLUMNS = ["address", "address_extra", "city", "zip_code", "region", "country_code"]
CUSTOMER_COLUMNS = ["email", "name", "phone", "company", "fiscal_id", "newsletter", "wholesale"] + [
    f"delivery_{name}" for name in ADDRESS_COLUMNS
]
COUPON_COLUMNS = ["code", "type", "value", "applies_to", "orders_over", "category", "product", "limit", "date_from",
                  "date_to", "active", "used"]  # fmt: skip
ORDER_COLUMNS = ["number", "id", "created_at", "status", "paid", "email", "name", "currency", "subtotal", "discount",
                 "shipping", "tax", "total", "refunded", "payment_method", "coupon_code", "tracking_code", "lines"]  # fmt: skip


def amount_text(amount_cents: int | None, currency: str) -> str:
    """Minor units as the currency-unit text people type ("24.00"); empty for no amount."""
    return "" if amount_cents is None else str(to_decimal(amount_cents, currency))


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def options_text(variant: Variant) -> str:
    return OPTION_SEPARATOR.join(f"{option.group.title}{VALUE_SEPARATOR}{option.title}" for option in variant.options)


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    total: int
    rows: Iterator[tuple[int, list]]  # (records done so far, row)


def export_sheet(subject: str, *, ids: list[int] | None = None) -> Sheet:
    """The header, the number of records and the rows of the subject's export (all, or only `ids`)."""
    build = {"products": _products, "customers": _customers, "orders": _orders, "coupons": _coupons}[subject]
    return build(ids)


def _selected(queryset, ids):
    return (queryset if ids is None else queryset.filter(pk__in=ids)).order_by("pk")


def _products(ids) -> Sheet:
    currency = Store.load().currency
    variants = Variant.objects.select_related("option_1__group", "option_2__group", "option_3__group")
    products = _selected(Product.objects.all(), ids)

    def rows():
        queryset = products.prefetch_related(Prefetch("variants", queryset=variants.order_by("position", "pk")))
        for done, product in enumerate(queryset.iterator(chunk_size=CHUNK_SIZE), start=1):
            columns = [product.sku, product.title, product.status, amount_text(product.price_cents, currency),
                       amount_text(product.promo_price_cents, currency), yes_no(product.stock_enabled),
                       product.stock_quantity, product.description]  # fmt: skip
            product_variants = list(product.variants.all())
            if not product_variants:
                yield done, [*columns, "", "", "", "", ""]
            for variant in product_variants:
                yield done, [*columns, variant.sku, options_text(variant), amount_text(variant.price_cents, currency),
                                       variant.stock_quantity, yes_no(variant.active)]  # fmt: skip

    return Sheet(PRODUCT_COLUMNS + VARIANT_COLUMNS, products.count(), rows())


def _customers(ids) -> Sheet:
    customers = _selected(Customer.objects.all(), ids)
    addresses = Address.objects.filter(kind=Address.Kind.DELIVERY).order_by("-is_default", "pk")

    def rows():
        queryset = customers.prefetch_related(Prefetch("addresses", queryset=addresses))
        for done, customer in enumerate(queryset.iterator(chunk_size=CHUNK_SIZE), start=1):
            address = next(iter(customer.addresses.all()), None)
            yield done, [customer.email, customer.name, customer.phone, customer.company, customer.fiscal_id,
                         yes_no(customer.newsletter), yes_no(customer.wholesale)] + [
                getattr(address, name, "") for name in ADDRESS_COLUMNS]  # fmt: skip

    return Sheet(CUSTOMER_COLUMNS, customers.count(), rows())


def _coupons(ids) -> Sheet:
    currency = Store.load().currency
    coupons = _selected(Coupon.objects.select_related("category", "product"), ids)

    def rows():
        for done, coupon in enumerate(coupons.iterator(chunk_size=CHUNK_SIZE), start=1):
            value = amount_text(coupon.value, currency) if coupon.type == Coupon.Type.MONEY else coupon.value
            yield done, [coupon.code, coupon.type, value, coupon.applies_to,
                         amount_text(coupon.orders_over_cents, currency), getattr(coupon.category, "slug", ""),
                         getattr(coupon.product, "slug", ""), coupon.limit, coupon.date_from or "",
                         coupon.date_to or "", yes_no(coupon.active), coupon.used]  # fmt: skip

    return Sheet(COUPON_COLUMNS, coupons.count(), rows())


def _orders(ids) -> Sheet:
    orders = _selected(Order.objects.all(), ids)

    def rows():
        for done, order in enumerate(orders.prefetch_related("lines").iterator(chunk_size=CHUNK_SIZE), start=1):
            money = [amount_text(getattr(order, name), order.currency) for name in
                     ("subtotal_cents", "discount_cents", "shipping_cents", "product_tax_cents", "total_cents",
                      "refunded_cents")]  # fmt: skip
            lines = "; ".join(f"{line.sku or line.title} x {line.quantity}" for line in order.lines.all())
            yield done, [order.number, order.public_id, order.created_at.isoformat(timespec="seconds"), order.status,
                         yes_no(order.paid), order.email, (order.client or {}).get("name", ""), order.currency,
                         *money, str(order.payment_method), order.coupon_code, order.tracking_code, lines]  # fmt: skip

    return Sheet(ORDER_COLUMNS, orders.count(), rows())
