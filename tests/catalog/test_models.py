"""Model rules: GTIN check digits, weights, status codes, text."""

from decimal import Decimal

import pytest

from catalog.barcodes import normalize_gtin
from catalog.exceptions import InvalidBarcode, InvalidPrice, InvalidStatus
from catalog.models import Product, ProductStatus, parse_status, weight_in_grams
from catalog.text import sanitize_html, slug_base


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("96385074", "00000096385074"),
        ("036000291452", "00036000291452"),
        ("4006381333931", "04006381333931"),
        ("09506000134352", "09506000134352"),
        (" 4006381333931 ", "04006381333931"),
    ],
)
def test_gtin_of_every_length_normalises_to_gtin14(entered, stored):
    assert normalize_gtin(entered) == stored


@pytest.mark.parametrize("entered", ["4006381333932", "123", "40063813339a1", "123456789012345"])
def test_invalid_gtin_is_refused(entered):
    with pytest.raises(InvalidBarcode):
        normalize_gtin(entered)


@pytest.mark.parametrize(
    ("weight", "unit", "grams"), [("200", "g", 200), ("0.2", "kg", 200), ("1", "lb", 454), ("1", "oz", 28)]
)
def test_weight_converts_to_grams(weight, unit, grams):
    assert weight_in_grams(Decimal(weight), unit) == grams


@pytest.mark.parametrize(("value", "status"), [(1, "active"), ("2", "hidden"), ("out_of_stock", "out_of_stock")])
def test_status_parses_codes_and_names(value, status):
    assert parse_status(value) == ProductStatus(status)


def test_unknown_status_is_refused():
    with pytest.raises(InvalidStatus):
        parse_status(0)


def test_promo_price_must_be_below_price():
    with pytest.raises(InvalidPrice):
        Product(title="x", price_cents=100, promo_price_cents=100).check_prices()


def test_promo_percentage_rounds_down():
    assert Product(price_cents=300, promo_price_cents=200).promo_percentage == 33


def test_slug_transliterates():
    assert slug_base("Decoração") == "decoracao"


def test_sanitize_keeps_links_and_drops_scripts():
    cleaned = sanitize_html('<a href="https://x.test" onclick="evil()">x</a><script>1</script>')

    assert cleaned == '<a href="https://x.test" rel="noopener noreferrer">x</a>'
