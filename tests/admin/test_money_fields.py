"""Money and rates in the back-office: typed and shown in currency units and percent, stored in minor units and
basis points, with too many decimals refused; and no admin form exposes a `*_cents` / `*_bp` column as a raw
integer input."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shopplatform.forms import MoneyFormField, PercentFormField, money
from shopplatform.store.models import Store
from tests.factories import LedgerEntryFactory, WalletFactory
from wallet.models import LedgerEntry

pytestmark = pytest.mark.django_db

MONEY_SUFFIXES, RATE_SUFFIXES = ("_cents",), ("_bp",)


@pytest.fixture
def english_store():
    store = Store.load()
    store.locale = "en_US"
    store.save()
    return store


def test_money_field_cleans_currency_units_to_cents():
    assert MoneyFormField("EUR").clean("24.00") == 2400


def test_money_field_refuses_more_decimals_than_the_currency_has():
    with pytest.raises(Exception) as refusal:
        MoneyFormField("EUR").clean("24.001")

    assert refusal.value.messages == ["EUR amounts take at most 2 decimal places."]


def test_money_field_refuses_text_that_is_not_an_amount():
    with pytest.raises(Exception) as refusal:
        MoneyFormField("EUR").clean("24 euros")

    assert refusal.value.messages == ["Enter an amount in EUR, such as 24.00."]


def test_money_field_shows_cents_as_currency_units():
    assert MoneyFormField("EUR").prepare_value(2400) == "24.00"
    assert MoneyFormField("JPY").prepare_value(2400) == "2400"


def test_money_field_without_currency_takes_the_store_currency():
    store = Store.load()
    store.currency = "JPY"
    store.save()

    field = MoneyFormField()

    assert field.clean("2400") == 2400
    assert field.prepare_value(2400) == "2400"


def test_money_input_shows_the_currency_symbol(english_store):
    html = MoneyFormField("EUR").widget.render("price", "24.00")

    assert "€" in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize(("currency", "padding"), [("EUR", "pl-9"), ("CHF", "pl-14")])
def test_money_input_keeps_the_typed_amount_clear_of_the_symbol(english_store, currency, padding):
    widget = MoneyFormField(currency).widget

    first, second = widget.render("price", "82.80"), widget.render("price", "82.80")

    assert padding in first.split("<input", 1)[1].split(">", 1)[0]
    assert second.count(padding) == 1, "rendering again does not pile up classes"


def test_percent_field_reads_percent_as_basis_points():
    field = PercentFormField()

    assert (field.clean("23"), field.clean("23.5")) == (2300, 2350)
    assert (field.prepare_value(2300), field.prepare_value(2350)) == ("23", "23.5")


def test_percent_field_refuses_more_than_two_decimals():
    with pytest.raises(Exception) as refusal:
        PercentFormField().clean("23.555")

    assert refusal.value.messages == ["Rates take at most 2 decimal places."]


def test_money_shows_the_store_locale():
    Store.load()

    assert money(2400) == "24,00\xa0€"  # the default store: EUR, pt_PT


def test_wallet_adjustment_typed_in_euros_stores_cents(admin_client):
    wallet = WalletFactory()

    response = admin_client.post(
        reverse("admin:wallet_wallet_adjust", args=[wallet.pk]),
        {"type": LedgerEntry.Type.CREDIT, "amount": "24.00", "reason": "Goodwill"},
    )

    assert response.status_code == 302
    assert LedgerEntry.objects.get(wallet=wallet).amount_cents == 2400


def test_wallet_adjustment_with_three_decimals_is_a_form_error(admin_client):
    wallet = WalletFactory()

    response = admin_client.post(
        reverse("admin:wallet_wallet_adjust", args=[wallet.pk]),
        {"type": LedgerEntry.Type.CREDIT, "amount": "24.001", "reason": "Goodwill"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == ["EUR amounts take at most 2 decimal places."]
    assert not LedgerEntry.objects.filter(wallet=wallet).exists()


def test_ledger_list_shows_amounts_with_the_currency_symbol(admin_client, english_store):
    LedgerEntryFactory(amount_cents=2400, balance_after_cents=2400)

    response = admin_client.get(reverse("admin:wallet_ledgerentry_changelist"))

    assert "€24.00" in response.content.decode()


def test_a_list_of_amounts_reads_the_store_settings_once(admin_client, english_store):
    LedgerEntryFactory.create_batch(3)
    url = reverse("admin:wallet_ledgerentry_changelist")
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(url)

    store_reads = [query["sql"] for query in queries.captured_queries if '"store_store"' in query["sql"]]

    assert len(store_reads) == 1


def test_ledger_entry_page_shows_amounts_with_the_currency_symbol(admin_client, english_store):
    entry = LedgerEntryFactory(amount_cents=2400, balance_after_cents=2400)

    html = admin_client.get(reverse("admin:wallet_ledgerentry_change", args=[entry.pk])).content.decode()

    assert "€24.00" in html
    assert ">2400<" not in html


def _admin_screens(rf, superuser):
    """Every registered ModelAdmin and its inlines, with the request the admin would build their forms for."""
    request = rf.get("/admin/")
    request.user = superuser
    for model_admin in admin.site._registry.values():
        yield request, model_admin
        yield from ((request, inline) for inline in model_admin.get_inline_instances(request, None))


def test_no_admin_screen_shows_cents_or_basis_points_as_raw_read_only_numbers(rf, admin_user):
    raw = [
        f"{type(screen).__name__}.{name}"
        for request, screen in _admin_screens(rf, admin_user)
        for name in set(screen.get_readonly_fields(request)) & set(flatten_fieldsets(screen.get_fieldsets(request)))
        if isinstance(name, str) and name.endswith(MONEY_SUFFIXES + RATE_SUFFIXES)
    ]

    assert raw == [], "read-only money or rates shown as raw integers: " + ", ".join(raw)


def _admin_forms(rf, superuser):
    """Every registered ModelAdmin's and inline's form, as the admin builds it for a superuser."""
    request = rf.get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        yield model, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request, None):
            yield inline.model, inline.get_formset(request, None).form


def test_no_admin_form_shows_cents_or_basis_points_as_a_raw_integer(rf, admin_user):
    raw = []
    for model, form in _admin_forms(rf, admin_user):
        for name, field in form.base_fields.items():
            if name.endswith(MONEY_SUFFIXES) and not isinstance(field, MoneyFormField):
                raw.append(f"{model._meta.label}.{name}")
            if name.endswith(RATE_SUFFIXES) and not isinstance(field, PercentFormField):
                raw.append(f"{model._meta.label}.{name}")

    assert raw == [], "raw integer inputs for money or rates: " + ", ".join(raw)
