"""Coupons: merchant edits, lookup by code, and claiming or giving back a use (never past the limit)."""

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from catalog.models import Category, Product

from ..exceptions import CouponCodeTaken, CouponExhausted, CouponNotFound, InvalidCoupon
from ..models import Coupon

FIELDS = (
    "code",
    "type",
    "value",
    "applies_to",
    "orders_over_cents",
    "category",
    "product",
    "limit",
    "date_from",
    "date_to",
    "active",
)


def find_coupon(*, code: str) -> Coupon:
    """Return the coupon with this code (any letter case); raise CouponNotFound."""
    coupon = Coupon.objects.filter(code__iexact=(code or "").strip()).first()
    if coupon is None:
        raise CouponNotFound(f"No coupon has the code '{code}'.", param="coupon")
    return coupon


@transaction.atomic
def create_coupon(**fields) -> Coupon:
    """Create a coupon; raise CouponCodeTaken (409) or InvalidCoupon."""
    coupon = Coupon()
    _apply(coupon, fields)
    return coupon


@transaction.atomic
def update_coupon(*, coupon: Coupon, **fields) -> Coupon:
    """Change the given fields (counters excepted); raise CouponCodeTaken or InvalidCoupon."""
    coupon = Coupon.objects.select_for_update().get(pk=coupon.pk)
    _apply(coupon, fields)
    return coupon


def delete_coupon(*, coupon: Coupon) -> None:
    """Delete the coupon; orders keep their `{code, type, value}` snapshot."""
    coupon.delete()


def claim_coupon_use(*, coupon: Coupon, total_cents: int, discount_cents: int) -> None:
    """Count one use and the order's amounts, in one conditional UPDATE; raise CouponExhausted at the limit."""
    claimed = Coupon.objects.filter(Q(limit=0) | Q(used__lt=F("limit")), pk=coupon.pk).update(
        used=F("used") + 1,
        orders_total_cents=F("orders_total_cents") + total_cents,
        orders_discount_cents=F("orders_discount_cents") + discount_cents,
    )
    if not claimed:
        raise CouponExhausted(f"The coupon '{coupon.code}' reached its limit of {coupon.limit} uses.", param="coupon")


def release_coupon_use(*, coupon: Coupon, total_cents: int, discount_cents: int) -> None:
    """Give back a use claimed by an order whose payment failed or that was canceled."""
    Coupon.objects.filter(pk=coupon.pk, used__gt=0).update(
        used=F("used") - 1,
        orders_total_cents=F("orders_total_cents") - total_cents,
        orders_discount_cents=F("orders_discount_cents") - discount_cents,
    )


def _apply(coupon: Coupon, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unexpected coupon fields: {', '.join(sorted(unknown))}")
    for name in ("category", "product"):
        if name in fields and isinstance(fields[name], str):
            fields[name] = _resolve(Category if name == "category" else Product, fields[name], param=name)
    for name, value in fields.items():
        setattr(coupon, name, value)
    check_coupon(coupon)
    try:
        with transaction.atomic():  # a savepoint: a concurrent duplicate leaves the caller's transaction usable
            if Coupon.objects.filter(code__iexact=coupon.code.strip()).exclude(pk=coupon.pk).exists():
                raise IntegrityError
            coupon.save()
    except IntegrityError as exc:
        raise CouponCodeTaken(f"A coupon with the code '{coupon.code}' already exists.", param="code") from exc


def _resolve(model, ref: str, *, param: str):
    found = model.objects.filter(Q(public_id=ref) | Q(slug=ref)).first()
    if found is None:
        raise InvalidCoupon(f"No {param} has the id or slug '{ref}'.", param=param)
    return found


def check_coupon(coupon: Coupon) -> None:
    """Guard the coupon's invariants: a code, a value fitting its type, the target its `applies_to` names."""
    if not coupon.code.strip():
        raise InvalidCoupon("A coupon needs a code.", param="code")
    if coupon.type == Coupon.Type.PERCENT and not 1 <= coupon.value <= 100:
        raise InvalidCoupon("A percent coupon's value is a whole percent from 1 to 100.", param="value")
    if coupon.type == Coupon.Type.MONEY and coupon.value < 1:
        raise InvalidCoupon("A money coupon's value is a positive amount of cents.", param="value")
    required = {
        Coupon.AppliesTo.ORDERS_OVER: ("orders_over_cents", coupon.orders_over_cents),
        Coupon.AppliesTo.CATEGORY: ("category", coupon.category_id),
        Coupon.AppliesTo.PRODUCT: ("product", coupon.product_id),
    }.get(coupon.applies_to)
    if required and required[1] is None and coupon.active:  # a coupon whose target was deleted stays, inactive
        raise InvalidCoupon(f"`applies_to: {coupon.applies_to}` needs `{required[0]}`.", param=required[0])
    if coupon.applies_to != Coupon.AppliesTo.ORDERS_OVER:
        coupon.orders_over_cents = None
    if coupon.applies_to != Coupon.AppliesTo.CATEGORY:
        coupon.category = None
    if coupon.applies_to != Coupon.AppliesTo.PRODUCT:
        coupon.product = None
    if coupon.date_from and coupon.date_to and coupon.date_from > coupon.date_to:
        raise InvalidCoupon("`date_from` is after `date_to`.", param="date_from")
    if coupon.limit and coupon.used > coupon.limit:
        raise InvalidCoupon(f"The coupon was already used {coupon.used} times.", param="limit")
