"""The one pricing module: a hand-computed table, then properties under hypothesis (the order totals arithmetic)."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orders.services.pricing import CouponTerms, Item, compute_totals, round_half_up


def test_round_half_up_rounds_halves_away_from_zero():
    assert [round_half_up(n, 2) for n in (1, 3, 5)] == [1, 2, 3]
    assert round_half_up(1004, 10) == 100
    assert round_half_up(1005, 10) == 101


TABLE = [
    # (case, items, taxes_included, coupon, shipping price, free over, expected totals)
    (
        "tax contained in prices",
        [Item(1000, 2, 2300)],
        True,
        None,
        0,
        None,
        {"subtotal": 2000, "discount": 0, "tax": 374, "shipping": 0, "total": 2000},
    ),
    (
        "tax added to prices",
        [Item(1000, 2, 2300)],
        False,
        None,
        0,
        None,
        {"subtotal": 2000, "discount": 0, "tax": 460, "shipping": 0, "total": 2460},
    ),
    (
        "percent coupon rounds each line half up",
        [Item(1005, 1, 2300), Item(333, 3, 2300)],
        False,
        CouponTerms("percent", 10),
        0,
        None,
        {"subtotal": 2004, "discount": 201, "tax": 415, "shipping": 0, "total": 2218},
    ),
    (
        "worked example line: 77.32 with 10 % off and 23 % tax",
        [Item(7732, 1, 2300)],
        False,
        CouponTerms("percent", 10),
        0,
        None,
        {"subtotal": 7732, "discount": 773, "tax": 1601, "shipping": 0, "total": 8560},
    ),
    (
        "money coupon shared by largest remainder",
        [Item(1000, 1), Item(2000, 1)],
        True,
        CouponTerms("money", 1000),
        500,
        None,
        {"subtotal": 3000, "discount": 1000, "tax": 0, "shipping": 500, "total": 2500},
    ),
    (
        "money coupon capped at the eligible subtotal",
        [Item(300, 1, product_id=1), Item(2000, 1, product_id=2)],
        True,
        CouponTerms("money", 1000, applies_to="product", product_id=1),
        0,
        None,
        {"subtotal": 2300, "discount": 300, "tax": 0, "shipping": 0, "total": 2000},
    ),
    (
        "free shipping over the threshold",
        [Item(3000, 2)],
        True,
        None,
        500,
        5000,
        {"subtotal": 6000, "discount": 0, "tax": 0, "shipping": 0, "total": 6000},
    ),
    (
        "free-shipping coupon",
        [Item(3000, 1)],
        True,
        CouponTerms("shipping", 0),
        500,
        None,
        {"subtotal": 3000, "discount": 0, "tax": 0, "shipping": 500, "total": 3000},
    ),
    (
        "items' own shipping costs add to the method price, per unit",
        [Item(1000, 2, shipping_cents=150), Item(500, 1)],
        True,
        None,
        500,
        None,
        {"subtotal": 2500, "discount": 0, "tax": 0, "shipping": 800, "total": 3300},
    ),
    (
        "each shipping_alone unit is a parcel of its own",
        [Item(1000, 1), Item(2000, 2, shipping_alone=True)],
        True,
        None,
        500,
        None,
        {"subtotal": 5000, "discount": 0, "tax": 0, "shipping": 1500, "total": 6500},
    ),
    (
        "a lone shipping_alone unit is one parcel",
        [Item(2000, 1, shipping_alone=True)],
        True,
        None,
        500,
        None,
        {"subtotal": 2000, "discount": 0, "tax": 0, "shipping": 500, "total": 2500},
    ),
    (
        "free-over waives the method price of every parcel, not the items' own shipping",
        [Item(3000, 1, shipping_cents=200), Item(3000, 1, shipping_alone=True)],
        True,
        None,
        500,
        5000,
        {"subtotal": 6000, "discount": 0, "tax": 0, "shipping": 200, "total": 6200},
    ),
    (
        "free-shipping coupon discounts the items' own shipping too",
        [Item(3000, 1, shipping_cents=200, shipping_alone=True), Item(100, 1)],
        True,
        CouponTerms("shipping", 0),
        500,
        None,
        {"subtotal": 3100, "discount": 0, "tax": 0, "shipping": 1200, "total": 3100},
    ),
    (
        "orders_over coupon below its minimum gives nothing",
        [Item(3000, 1)],
        True,
        CouponTerms("percent", 50, applies_to="orders_over", orders_over_cents=5000),
        0,
        None,
        {"subtotal": 3000, "discount": 0, "tax": 0, "shipping": 0, "total": 3000},
    ),
    (
        "category coupon only discounts lines of the category",
        [Item(1000, 1, category_ids=frozenset({7})), Item(1000, 1, category_ids=frozenset({8}))],
        True,
        CouponTerms("percent", 25, applies_to="category", category_ids=frozenset({7})),
        0,
        None,
        {"subtotal": 2000, "discount": 250, "tax": 0, "shipping": 0, "total": 1750},
    ),
]


@pytest.mark.parametrize(
    ("items", "taxes_included", "coupon", "shipping", "free_over", "expected"),
    [case[1:] for case in TABLE],
    ids=[case[0] for case in TABLE],
)
def test_totals_match_the_hand_computed_table(items, taxes_included, coupon, shipping, free_over, expected):
    """Subtotal, discount, tax, shipping and total of each case, computed by hand."""
    totals = compute_totals(
        items=items,
        taxes_included=taxes_included,
        coupon=coupon,
        shipping_price_cents=shipping,
        shipping_free_over_cents=free_over,
    )
    assert {
        "subtotal": totals.subtotal_cents,
        "discount": totals.discount_cents,
        "tax": totals.product_tax_cents,
        "shipping": totals.shipping_cents,
        "total": totals.total_cents,
    } == expected


def test_money_coupon_shares_go_to_the_largest_remainders():
    totals = compute_totals(
        items=[Item(1000, 1), Item(2000, 1)], taxes_included=True, coupon=CouponTerms("money", 1000)
    )
    assert [line.discount_cents for line in totals.lines] == [333, 667]


def test_payment_fee_is_added_to_the_total_without_tax():
    """The cash-on-delivery surcharge is a final amount; product tax is unchanged."""
    totals = compute_totals(items=[Item(1000, 1, 2300)], taxes_included=False, payment_fee_cents=300)

    assert (totals.payment_fee_cents, totals.product_tax_cents, totals.total_cents) == (300, 230, 1530)


def test_payment_fee_is_not_discounted_by_a_money_coupon():
    totals = compute_totals(
        items=[Item(1000, 1)], taxes_included=True, coupon=CouponTerms("money", 5000), payment_fee_cents=300
    )

    assert totals.total_cents == 300


def test_free_shipping_coupon_discounts_the_whole_shipping_price():
    totals = compute_totals(
        items=[Item(3000, 1)], taxes_included=True, coupon=CouponTerms("shipping", 0), shipping_price_cents=500
    )
    assert totals.shipping_discount_cents == 500


items_strategy = st.lists(
    st.builds(
        Item,
        unit_price_cents=st.integers(0, 10**7),
        quantity=st.integers(1, 50),
        tax_rate_bp=st.sampled_from([0, 600, 1300, 2300, 2500]),
        product_id=st.integers(1, 4),
        shipping_cents=st.integers(0, 10**4),
        shipping_alone=st.booleans(),
    ),
    min_size=1,
    max_size=8,
)
coupon_strategy = st.one_of(
    st.none(),
    st.builds(CouponTerms, type=st.just("percent"), value=st.integers(1, 100)),
    st.builds(CouponTerms, type=st.just("money"), value=st.integers(1, 10**8)),
    st.builds(
        CouponTerms,
        type=st.just("money"),
        value=st.integers(1, 10**6),
        applies_to=st.just("product"),
        product_id=st.integers(1, 4),
    ),
    st.builds(CouponTerms, type=st.just("shipping"), value=st.just(0)),
)


@given(
    items=items_strategy,
    taxes_included=st.booleans(),
    coupon=coupon_strategy,
    shipping=st.integers(0, 10**5),
    free_over=st.one_of(st.none(), st.integers(0, 10**8)),
    fee=st.integers(0, 10**4),
)
def test_totals_add_up_for_any_cart(items, taxes_included, coupon, shipping, free_over, fee):
    """total = subtotal - discount + added tax + shipping - shipping discount + payment fee; bounded discounts."""
    totals = compute_totals(
        items=items,
        taxes_included=taxes_included,
        coupon=coupon,
        shipping_price_cents=shipping,
        shipping_free_over_cents=free_over,
        payment_fee_cents=fee,
    )
    added_tax = 0 if taxes_included else totals.product_tax_cents
    assert totals.total_cents == (
        totals.subtotal_cents
        - totals.discount_cents
        + added_tax
        + totals.shipping_cents
        - totals.shipping_discount_cents
        + fee
    )
    items_shipping = sum(item.shipping_cents * item.quantity for item in items)
    assert items_shipping <= totals.shipping_cents <= items_shipping + shipping * totals.parcels
    assert totals.subtotal_cents == sum(item.unit_price_cents * item.quantity for item in items)
    assert all(0 <= line.discount_cents <= line.subtotal_cents for line in totals.lines)
    assert all(line.tax_cents >= 0 for line in totals.lines)
    if taxes_included:
        assert all(line.tax_cents <= line.subtotal_cents - line.discount_cents for line in totals.lines)
    assert totals.total_cents >= 0


@given(items=items_strategy, value=st.integers(1, 10**8), taxes_included=st.booleans())
def test_money_coupon_takes_exactly_its_value_or_the_eligible_subtotal(items, value, taxes_included):
    totals = compute_totals(items=items, taxes_included=taxes_included, coupon=CouponTerms("money", value))
    assert totals.discount_cents == min(value, totals.subtotal_cents)


@given(items=items_strategy)
def test_prices_including_tax_make_the_total_independent_of_tax_rates(items):
    untaxed = [replace(item, tax_rate_bp=0) for item in items]
    with_tax = compute_totals(items=items, taxes_included=True)
    without_tax = compute_totals(items=untaxed, taxes_included=True)
    assert with_tax.total_cents == without_tax.total_cents
