"""Boundaries of the pricing rules (orders/services/pricing.py), written against its mutation run (docs/testing.md):
minimum order values met exactly, leftover cents only on lines a coupon covers, free shipping measured after the
discount, weights per unit."""

from orders.services.pricing import CouponTerms, Item, compute_totals, line_discounts


def test_a_minimum_order_value_met_exactly_applies_the_coupon():
    coupon = CouponTerms("percent", 10, applies_to="orders_over", orders_over_cents=5000)

    met = compute_totals(items=[Item(2500, 2)], taxes_included=True, coupon=coupon)
    short = compute_totals(items=[Item(4999, 1)], taxes_included=True, coupon=coupon)

    assert (met.coupon_applied, met.discount_cents) == (True, 500)
    assert (short.coupon_applied, short.discount_cents) == (False, 0)


def test_a_minimum_of_zero_applies_even_to_a_free_cart():
    coupon = CouponTerms("shipping", 0, applies_to="orders_over", orders_over_cents=0)

    totals = compute_totals(items=[Item(0, 1)], taxes_included=True, coupon=coupon, shipping_price_cents=390)

    assert (totals.coupon_applied, totals.shipping_discount_cents) == (True, 390)


def test_leftover_cents_of_a_money_coupon_go_only_to_lines_it_covers():
    """1 cent shared over three covered 1-cent lines goes to the first of them, never to the uncovered line."""
    coupon = CouponTerms("money", 1, applies_to="product", product_id=1)
    items = [Item(500, 1, product_id=2), Item(1, 1, product_id=1), Item(1, 1, product_id=1), Item(1, 1, product_id=1)]

    assert line_discounts(items, coupon) == [0, 1, 0, 0]


def test_a_free_shipping_coupon_never_discounts_products_whatever_its_value():
    coupon = CouponTerms("shipping", 500)

    totals = compute_totals(items=[Item(3000, 1)], taxes_included=True, coupon=coupon, shipping_price_cents=400)

    assert line_discounts([Item(3000, 1)], coupon) == [0]
    assert (totals.discount_cents, totals.shipping_discount_cents, totals.total_cents) == (0, 400, 3000)


def test_free_shipping_is_measured_on_the_discounted_value_and_met_exactly():
    coupon = CouponTerms("money", 1000)

    exact = compute_totals(
        items=[Item(6000, 1)],
        taxes_included=True,
        coupon=coupon,
        shipping_price_cents=500,
        shipping_free_over_cents=5000,
    )
    below = compute_totals(
        items=[Item(5500, 1)],
        taxes_included=True,
        coupon=coupon,
        shipping_price_cents=500,
        shipping_free_over_cents=5000,
    )

    assert (exact.value_cents, exact.shipping_cents) == (5000, 0)
    assert (below.value_cents, below.shipping_cents) == (4500, 500)


def test_the_order_weight_counts_every_unit():
    totals = compute_totals(items=[Item(100, 3, weight_grams=250), Item(100, 1, weight_grams=40)], taxes_included=True)

    assert totals.weight_grams == 790
