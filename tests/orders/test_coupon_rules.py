"""The coupon services' exact rules: each refusal's words and field, the value bounds, targets, dates, limits and
the use counters. Written against the mutation run of `orders/services/coupons.py` (docs/testing.md)."""

from datetime import date

import pytest

from orders.exceptions import CouponCodeTaken, CouponExhausted, CouponNotFound, InvalidCoupon
from orders.models import Coupon
from orders.services import coupons
from tests.factories import CategoryFactory, CouponFactory, ProductFactory

pytestmark = pytest.mark.django_db


def refusal(error) -> tuple[str, str | None]:
    return str(error.value.detail), error.value.param


def refused(**fields) -> tuple[str, str | None]:
    with pytest.raises(InvalidCoupon) as error:
        coupons.create_coupon(**{"code": "SPRING", "type": "percent", "value": 10, **fields})
    assert not Coupon.objects.exists()
    return refusal(error)


@pytest.mark.parametrize("code", ["", "   "])
def test_a_coupon_needs_a_code(code):
    assert refused(code=code) == ("A coupon needs a code.", "code")


@pytest.mark.parametrize("value", [0, 101, 1000])
def test_a_percent_outside_1_to_100_is_refused(value):
    assert refused(value=value) == ("A percent coupon's value is a whole percent from 1 to 100.", "value")


@pytest.mark.parametrize("value", [1, 100])
def test_percent_bounds_are_accepted(value):
    assert coupons.create_coupon(code=f"P{value}", type="percent", value=value).value == value


def test_a_money_coupon_of_zero_is_refused_and_one_cent_is_accepted():
    assert refused(type="money", value=0) == ("A money coupon's value is a positive amount of cents.", "value")
    assert coupons.create_coupon(code="CENT", type="money", value=1).value == 1


def test_a_free_shipping_coupon_takes_no_value():
    assert coupons.create_coupon(code="SHIP", type="shipping", value=0).type == Coupon.Type.SHIPPING


@pytest.mark.parametrize(
    ("applies_to", "field"), [("orders_over", "orders_over_cents"), ("category", "category"), ("product", "product")]
)
def test_a_targeted_coupon_needs_its_target(applies_to, field):
    assert refused(applies_to=applies_to) == (f"`applies_to: {applies_to}` needs `{field}`.", field)


def test_an_inactive_coupon_may_lack_its_target():
    coupon = coupons.create_coupon(code="OLD", type="percent", value=5, applies_to="product", active=False)

    assert (coupon.active, coupon.product_id) == (False, None)


def test_targets_other_than_the_one_applied_to_are_cleared():
    category, product = CategoryFactory(), ProductFactory()

    coupon = coupons.create_coupon(
        code="MIX",
        type="percent",
        value=5,
        applies_to="product",
        product=product.public_id,
        category=category.slug,
        orders_over_cents=5000,
    )
    over = coupons.create_coupon(
        code="OVER", type="percent", value=5, applies_to="orders_over", orders_over_cents=5000, product=product
    )
    in_category = coupons.create_coupon(
        code="CAT", type="percent", value=5, applies_to="category", category=category.public_id, orders_over_cents=1
    )

    coupon.refresh_from_db()
    assert (coupon.product_id, coupon.category_id, coupon.orders_over_cents) == (product.pk, None, None)
    assert (over.orders_over_cents, over.product_id) == (5000, None)
    assert (in_category.category_id, in_category.orders_over_cents) == (category.pk, None)


@pytest.mark.parametrize("field", ["category", "product"])
def test_an_unknown_target_names_its_field(field):
    assert refused(applies_to=field, **{field: "nope"}) == (f"No {field} has the id or slug 'nope'.", field)


def test_dates_in_the_wrong_order_are_refused_and_one_day_is_fine():
    assert refused(date_from=date(2026, 5, 2), date_to=date(2026, 5, 1)) == (
        "`date_from` is after `date_to`.",
        "date_from",
    )
    one_day = coupons.create_coupon(
        code="DAY", type="percent", value=5, date_from=date(2026, 5, 1), date_to=date(2026, 5, 1)
    )
    assert one_day.date_from == one_day.date_to


def test_a_limit_below_the_uses_already_made_is_refused():
    coupon = CouponFactory(limit=5, used=3)

    with pytest.raises(InvalidCoupon) as error:
        coupons.update_coupon(coupon=coupon, limit=2)

    assert refusal(error) == ("The coupon was already used 3 times.", "limit")
    assert coupons.update_coupon(coupon=coupon, limit=3).limit == 3
    assert coupons.update_coupon(coupon=coupon, limit=0).limit == 0


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError, match="Unexpected coupon fields: bogus, used"):
        coupons.create_coupon(code="X", type="percent", value=5, used=3, bogus=1)


def test_codes_are_unique_whatever_the_letter_case_and_spaces():
    coupons.create_coupon(code="Spring", type="percent", value=5)

    with pytest.raises(CouponCodeTaken) as error:
        coupons.create_coupon(code=" SPRING ", type="percent", value=5)

    assert refusal(error) == ("A coupon with the code ' SPRING ' already exists.", "code")
    assert Coupon.objects.count() == 1


def test_an_update_may_keep_its_own_code():
    coupon = coupons.create_coupon(code="KEEP", type="percent", value=5)

    updated = coupons.update_coupon(coupon=coupon, code="keep", value=7)

    assert (updated.code, updated.value) == ("keep", 7)


def test_find_coupon_ignores_case_and_spaces_and_names_the_field_when_unknown():
    coupon = CouponFactory(code="Spring")

    assert coupons.find_coupon(code="  spring ") == coupon
    with pytest.raises(CouponNotFound) as error:
        coupons.find_coupon(code="AUTUMN")
    assert refusal(error) == ("No coupon has the code 'AUTUMN'.", "coupon")
    CouponFactory(code="XXXX")  # whatever the stored codes, no code is no coupon
    with pytest.raises(CouponNotFound):
        coupons.find_coupon(code=None)


def test_claiming_counts_the_use_and_the_amounts_and_stops_at_the_limit():
    coupon, other = CouponFactory(code="TWICE", limit=2), CouponFactory(code="OTHER", limit=5, used=1)

    coupons.claim_coupon_use(coupon=coupon, total_cents=5000, discount_cents=500)
    coupons.claim_coupon_use(coupon=coupon, total_cents=3000, discount_cents=300)
    with pytest.raises(CouponExhausted) as error:
        coupons.claim_coupon_use(coupon=coupon, total_cents=1000, discount_cents=100)

    coupon.refresh_from_db()
    assert refusal(error) == ("The coupon 'TWICE' reached its limit of 2 uses.", "coupon")
    assert (coupon.used, coupon.orders_total_cents, coupon.orders_discount_cents) == (2, 8000, 800)
    other.refresh_from_db()
    assert (other.used, other.orders_total_cents) == (1, 0), "only the claimed coupon counts"


def test_a_coupon_without_a_limit_is_never_exhausted():
    coupon = CouponFactory(limit=0, used=1000)

    coupons.claim_coupon_use(coupon=coupon, total_cents=100, discount_cents=10)

    coupon.refresh_from_db()
    assert coupon.used == 1001


def test_releasing_gives_back_the_use_and_the_amounts_but_never_below_zero():
    coupon, other = CouponFactory(limit=1), CouponFactory(code="OTHER", limit=5, used=3)
    coupons.claim_coupon_use(coupon=coupon, total_cents=5000, discount_cents=500)

    coupons.release_coupon_use(coupon=coupon, total_cents=5000, discount_cents=500)
    coupons.release_coupon_use(coupon=coupon, total_cents=5000, discount_cents=500)

    coupon.refresh_from_db()
    assert (coupon.used, coupon.orders_total_cents, coupon.orders_discount_cents) == (0, 0, 0)
    other.refresh_from_db()
    assert other.used == 3, "only the released coupon gives a use back"
    coupons.claim_coupon_use(coupon=coupon, total_cents=100, discount_cents=10)
