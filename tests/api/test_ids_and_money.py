"""Public ids and money helpers."""

import random
import re
from collections import Counter

import pytest
from babel.numbers import format_currency

from shopplatform import ids
from shopplatform.accounts.models import ApiKey, Customer
from shopplatform.ids import ALPHABET, new_public_id
from shopplatform.money import InvalidAmount, _formatter, format_money, parse_amount, to_decimal


def test_public_id_is_prefix_and_22_base62_characters():
    assert re.fullmatch(r"prod_[A-Za-z0-9]{22}", new_public_id("prod"))


def test_public_ids_do_not_repeat():
    assert len({new_public_id("ord") for _ in range(10_000)}) == 10_000


def test_every_character_of_the_alphabet_is_drawn_about_equally_often():
    drawn = Counter("".join(new_public_id("ord")[4:] for _ in range(20_000)))

    expected = 20_000 * 22 / len(ALPHABET)  # about 7,100 each
    assert set(drawn) == set(ALPHABET)
    assert all(abs(count - expected) < expected * 0.07 for count in drawn.values())


def test_random_bytes_beyond_an_even_share_of_the_alphabet_are_dropped(monkeypatch):
    reads = iter([bytes([248, 255] * 16), bytes(range(62, 94))])  # 248..255 would favour the first 8 characters
    monkeypatch.setattr(ids.secrets, "token_bytes", lambda count: next(reads))

    assert new_public_id("ord") == "ord_" + ALPHABET[:22]


@pytest.mark.parametrize("length", [1, 21, 22, 23, 100])
def test_random_characters_have_the_length_asked_for_from_one_read(monkeypatch, length):
    reads = []
    monkeypatch.setattr(ids.secrets, "token_bytes", lambda count: reads.append(count) or bytes(range(count)))

    drawn = ids.random_characters(length)

    assert len(drawn) == length and drawn.isalnum()
    assert len(reads) == 1  # get_random_string reads the system's random source once per character


def test_new_instance_has_its_public_id_before_saving():
    assert ApiKey().public_id.startswith("key_")


@pytest.mark.django_db
def test_saved_public_id_does_not_change_when_loaded_again(customer_user):
    customer = Customer.objects.create(email="a@example.com")

    assert Customer.objects.get(pk=customer.pk).public_id == customer.public_id


@pytest.mark.django_db
def test_bulk_create_fills_distinct_public_ids():
    Customer.objects.bulk_create(Customer(email=f"c{index}@example.com") for index in range(5))

    ids = list(Customer.objects.values_list("public_id", flat=True))
    assert len(set(ids)) == 5
    assert all(public_id.startswith("cus_") for public_id in ids)


def test_amount_finer_than_the_currency_is_a_400_error():
    with pytest.raises(InvalidAmount) as error:
        parse_amount("12.345", "USD")

    assert error.value.status == 400
    assert error.value.param == "amount"


@pytest.mark.parametrize(
    ("value", "currency", "cents"), [("12.34", "USD", 1234), (12.3, "EUR", 1230), ("500", "JPY", 500)]
)
def test_amount_within_precision_becomes_minor_units(value, currency, cents):
    assert parse_amount(value, currency) == cents


@pytest.mark.parametrize("value", ["12.5", "abc", True, float("nan"), "Infinity"])
def test_invalid_amounts_are_refused(value):
    with pytest.raises(InvalidAmount):
        parse_amount(value, "JPY")


def test_money_is_formatted_in_the_store_locale():
    # Babel separates amount and symbol with a no-break space, as CLDR's pt_PT data does.
    assert format_money(1234, "EUR", "pt_PT") == "12,34\xa0€"


def test_unknown_locale_falls_back_to_english():
    assert format_money(1234, "USD", "xx_NOPE") == "$12.34"


# Store locales and currencies: grouped by three with a prefix or a suffix symbol, narrow and no-break spaces,
# right-to-left marks, no minor units (JPY, KRW), three (BHD), Indian grouping (en_IN).
LOCALES = [
    ("EUR", "pt_PT"), ("USD", "en_US"), ("EUR", "de_DE"), ("EUR", "fr_FR"), ("EUR", "nl_NL"), ("EUR", "es_ES"),
    ("BRL", "pt_BR"), ("GBP", "en_GB"), ("CHF", "de_CH"), ("CHF", "fr_CH"), ("SEK", "sv_SE"), ("PLN", "pl_PL"),
    ("JPY", "ja_JP"), ("KRW", "ko_KR"), ("EGP", "ar_EG"), ("BHD", "ar_BH"), ("INR", "en_IN"), ("USD", "xx_NOPE"),
]  # fmt: skip


@pytest.mark.parametrize(("currency", "locale"), LOCALES)
def test_money_is_written_as_babel_writes_it(currency, locale):
    """format_money puts common formats together itself (shopplatform.money._formatter): the text is Babel's."""
    rng = random.Random(f"{currency}-{locale}")
    amounts = [*range(-150, 2_500), *(rng.randint(-(10**9), 10**13) for _ in range(3_000))]
    babel_locale = locale if locale != "xx_NOPE" else "en_US"

    for amount in amounts:
        expected = format_currency(to_decimal(amount, currency), currency, locale=babel_locale)
        assert format_money(amount, currency, locale) == expected, amount


@pytest.mark.parametrize(("currency", "locale"), [("EUR", "pt_PT"), ("USD", "en_US"), ("JPY", "ja_JP")])
def test_common_formats_are_put_together_without_babel(currency, locale):
    assert _formatter(currency, locale).__name__ == "fast"
