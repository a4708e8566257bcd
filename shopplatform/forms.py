"""Form defaults shared by the apps' admin screens, the bridge from service errors to admin forms, and money.

Money in the back-office: people type and read currency units ("24.00", shown with the symbol), the database keeps
integer minor units. `MoneyFormField` and `PercentFormField` (basis points: "23" is 2300) are the one way to enter
amounts and rates; `money()` (and `money_display()` for list columns) the one way to show them. A ModelAdmin
swaps its `*_cents` / `*_bp` model fields for them by naming them in `money_fields` / `percent_fields`.

The store's currency and locale come from the store settings row, which the store app registers here
(`read_store_money_with`, called from StoreConfig.ready(): this core module cannot import the store app, whose admin
imports it). Within a request the row is read once, so a changelist of 100 prices costs one query, not 100.
"""

from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal

from babel.numbers import get_currency_symbol
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished, request_started
from django.db import models
from django.http import HttpResponseRedirect
from unfold.widgets import UnfoldAdminTextInputWidget

from .errors import ShopError
from .money import format_money, parse_amount, parse_decimal, to_decimal

# A URL typed without a scheme reads as https:// (Django 6.0's default); Django 5.2 still assumes http:// and
# warns on every form built from a model URLField unless told, so each admin with URL fields sets
# `formfield_overrides = HTTPS_URL_FIELDS`.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def refused_field(form, error: ShopError) -> str | None:
    """The form field a service refusal names (`param`, or its first part for `images.2`), None if the form lacks it."""
    field = (error.param or "").split(".")[0]
    return field if field in form.fields else None


class ServiceAdminMixin:
    """For admins whose saves, deletes and actions call the app's services (which validate and emit events).

    A ShopError raised by a service while the admin saves rolls the whole save back (the admin wraps it in a
    transaction) and the same form is shown again with the refusal as a form error, in words; a refused delete,
    bulk action or list edit comes back as an error message. The merchant never sees a 500 for a business rule.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ShopError as refusal:
            request.service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form_class

        class RefusedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                self.add_error(refused_field(self, refusal), refusal.detail)
                return cleaned

        return RefusedForm

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ShopError as refusal:
            self.message_user(request, f"Not deleted: {refusal.detail}", messages.ERROR)
            return HttpResponseRedirect(request.path)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ShopError as refusal:
            self.message_user(request, f"Stopped: {refusal.detail}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


# --- The store's currency and locale, read once per request ---------------------------------------------------

_store_money_reader: Callable[[], tuple[str, str]] | None = None
# Inside a request: a dict holding the (currency, locale) read for it; outside one (tasks, shell): None, read each time.
_request_store_money: ContextVar[dict | None] = ContextVar("request_store_money", default=None)


def read_store_money_with(reader: Callable[[], tuple[str, str]]) -> None:
    """Register how to read the store's (currency, locale); the store app calls this once, in its ready()."""
    global _store_money_reader
    _store_money_reader = reader
    request_started.connect(_open_request_scope, dispatch_uid="forms.store_money.open")
    request_finished.connect(_close_request_scope, dispatch_uid="forms.store_money.close")


def _open_request_scope(**kwargs) -> None:
    _request_store_money.set({})


def _close_request_scope(**kwargs) -> None:
    _request_store_money.set(None)


def forget_store_money(**kwargs) -> None:
    """Drop the value read for the current request (the store settings were just saved)."""
    scope = _request_store_money.get()
    if scope is not None:
        scope.clear()


def store_money() -> tuple[str, str]:
    """The store's (currency, locale), read once per request."""
    if _store_money_reader is None:
        raise ImproperlyConfigured("No store settings reader: is shopplatform.store in INSTALLED_APPS?")
    scope = _request_store_money.get()
    if scope is None:
        return _store_money_reader()
    if "value" not in scope:
        scope["value"] = _store_money_reader()
    return scope["value"]


def store_currency() -> str:
    return store_money()[0]


# --- Display ----------------------------------------------------------------------------------------------------

EMPTY_AMOUNT = "-"


def money(cents: int | None, currency: str | None = None) -> str:
    """`2400` as "€24.00" (in the store's locale; the store's currency unless given); "-" for no amount."""
    if cents is None:
        return EMPTY_AMOUNT
    store_currency_code, locale = store_money()
    return format_money(cents, currency or store_currency_code, locale)


def percent(basis_points: int | None) -> str:
    """`2300` as "23 %", `2350` as "23.5 %"; "-" for no rate."""
    if basis_points is None:
        return EMPTY_AMOUNT
    return f"{_percent_text(basis_points)} %"


def money_display(field: str, *, description: str, currency_field: str | None = None, ordering: str | None = None):
    """A list column / read-only field showing `field` (minor units) as money, in `currency_field`'s currency
    (the row's own, e.g. an order's, or a related row's: "wallet.currency") or the store's. Assign it on the admin: `price = money_display("price_cents",
    description="price")`, then name `"price"` in list_display or readonly_fields."""

    @admin.display(description=description, ordering=ordering or field)
    def show(model_admin, obj) -> str:
        currency = _attribute_path(obj, currency_field) if currency_field else None
        return money(getattr(obj, field), currency)

    return show


def _attribute_path(obj, path: str):
    """`"wallet.currency"` of an entry: its wallet's currency."""
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def _percent_text(basis_points: int) -> str:
    text = format(Decimal(basis_points).scaleb(-2), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- Entry ------------------------------------------------------------------------------------------------------


class AmountInput(UnfoldAdminTextInputWidget):
    """Unfold's text input with the currency symbol (or "%") in front or behind, and a decimal keypad on phones."""

    def __init__(self, *, prefix: Callable[[], str] | None = None, suffix: str = "", attrs=None) -> None:
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": 24, **(attrs or {})})
        self.prefix, self.suffix = prefix, suffix

    def get_context(self, name, value, attrs):
        # Unfold reads (and removes) these from self.attrs while rendering; the prefix is resolved at render time
        # so a field built before the store settings changed still shows the current currency. Unfold pads the
        # input only for its icons, so the text is moved clear of the symbol here (wider for "US$" or "CHF").
        padding = []
        if self.prefix:
            symbol = self.attrs["prefix"] = self.prefix()
            padding.append("pl-9" if len(symbol) <= 1 else "pl-14")
        if self.suffix:
            self.attrs["suffix"] = self.suffix
            padding.append("pr-9")
        if padding:
            attrs = {**(attrs or {}), "class": " ".join([self.attrs.get("class", ""), *padding]).strip()}
        return super().get_context(name, value, attrs)


class MoneyFormField(forms.CharField):
    """An amount typed in currency units ("24.00"), cleaned to integer minor units (2400).

    More decimal places than the currency has are refused ("EUR amounts take at most 2 decimal places."), as are
    negative amounts unless `allow_negative`. `currency=None` means the store's currency.
    """

    def __init__(self, currency: str | None = None, allow_negative: bool = False, *, empty_cents=None, **kwargs):
        self.currency, self.allow_negative, self.empty_cents = currency, allow_negative, empty_cents
        kwargs.setdefault("widget", AmountInput(prefix=self.currency_symbol))
        super().__init__(**kwargs)

    def field_currency(self) -> str:
        return self.currency or store_currency()

    def currency_symbol(self) -> str:
        currency = self.field_currency()
        return get_currency_symbol(currency, locale=store_money()[1])

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format(to_decimal(value, self.field_currency()), "f")
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return self.empty_cents
        currency = self.field_currency()
        try:
            cents = parse_amount(text, currency)
        except ShopError as refusal:
            if parse_decimal(text) is None:
                example = format(to_decimal(2400, currency), "f")
                raise forms.ValidationError(
                    f"Enter an amount in {currency}, such as {example}.", code="invalid"
                ) from refusal
            raise forms.ValidationError(refusal.detail, code="decimal_places") from refusal
        if cents < 0 and not self.allow_negative:
            raise forms.ValidationError("Enter an amount of zero or more.", code="negative")
        return cents

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True


class PercentFormField(forms.CharField):
    """A rate typed in percent ("23", "23.5"), cleaned to integer basis points (2300, 2350); at most 2 decimals."""

    def __init__(self, *, max_percent: int | None = 100, empty_basis_points=None, **kwargs):
        self.max_percent, self.empty_basis_points = max_percent, empty_basis_points
        kwargs.setdefault("widget", AmountInput(suffix="%"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return _percent_text(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return self.empty_basis_points
        number = parse_decimal(text)
        if number is None:
            raise forms.ValidationError("Enter a percentage such as 23 or 6.5.", code="invalid")
        scaled = number.scaleb(2)
        if scaled != scaled.to_integral_value():
            raise forms.ValidationError("Rates take at most 2 decimal places.", code="decimal_places")
        if number < 0 or (self.max_percent is not None and number > self.max_percent):
            raise forms.ValidationError(f"Enter a percentage from 0 to {self.max_percent}.", code="range")
        return int(scaled)

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True


def _model_field_options(db_field, label: str) -> dict:
    """Label, requiredness, initial value and help text a form field takes from its model field."""
    help_text = str(db_field.help_text or "")
    return {
        "label": label,
        "required": not db_field.blank,
        "initial": db_field.get_default() if db_field.has_default() else None,
        # "in cents" / "basis points: 2300 = 23 %" describe storage, not what the merchant types.
        "help_text": "" if any(word in help_text.lower() for word in ("cent", "basis point")) else help_text,
        "disabled": not db_field.editable,
    }


def money_form_field(db_field, label: str, currency: str | None = None) -> MoneyFormField:
    """The MoneyFormField for a `*_cents` model field: no negative amounts, empty is None (nullable) or 0."""
    empty = None if db_field.null else 0
    return MoneyFormField(currency, empty_cents=empty, **_model_field_options(db_field, label))


class MoneyFieldsMixin:
    """For ModelAdmins and inlines: `money_fields = {"price_cents": "Price"}` and `percent_fields = {"tax_rate_bp":
    "Tax rate"}` (model field -> label) show those fields as MoneyFormField / PercentFormField."""

    money_fields: dict[str, str] = {}
    percent_fields: dict[str, str] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.money_fields:
            return money_form_field(db_field, self.money_fields[db_field.name])
        if db_field.name in self.percent_fields:
            empty = None if db_field.null else 0
            options = _model_field_options(db_field, self.percent_fields[db_field.name])
            return PercentFormField(empty_basis_points=empty, **options)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
