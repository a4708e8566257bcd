"""Forms of the cart and checkout pages. They check shape only; the orders services decide what is allowed."""

from babel.core import Locale, UnknownLocaleError
from django import forms

from shopplatform.countries import alpha3_to_alpha2, country_choices
from shopplatform.store.models import FieldRequirement, Store
from shopplatform.store.payments import PaymentMethodType

from .limits import MAX_LINE_QUANTITY

DEFAULT_COUNTRY = "PRT"


def store_country(store: Store) -> str:
    """The alpha-3 country of the store's locale (pt_PT → PRT), the usual delivery country."""
    try:
        territory = Locale.parse(store.locale).territory
    except (UnknownLocaleError, ValueError):
        territory = None
    by_alpha2 = {alpha2: alpha3 for alpha3, alpha2 in alpha3_to_alpha2().items()}
    return by_alpha2.get(territory, DEFAULT_COUNTRY)


class CouponForm(forms.Form):
    code = forms.CharField(max_length=64, label="Coupon code", widget=forms.TextInput(attrs={"autocomplete": "off"}))


class AddToCartForm(forms.Form):
    variant = forms.CharField(required=False, max_length=40)
    quantity = forms.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY, initial=1)


class ShippingQuoteForm(forms.Form):
    country = forms.ChoiceField(choices=country_choices, label="Country")


# The HTML autocomplete token of every checkout field, so browsers and password managers fill the right ones.
AUTOCOMPLETE = {
    "email": "email",
    "name": "name",
    "phone": "tel",
    "company": "organization",
    "fiscal_id": "on",  # HTML has no token for a tax number
    "address": "shipping address-line1",
    "address_extra": "shipping address-line2",
    "city": "shipping address-level2",
    "zip_code": "shipping postal-code",
    "country": "shipping country",
    "billing_name": "billing name",
    "billing_address": "billing address-line1",
    "billing_city": "billing address-level2",
    "billing_zip_code": "billing postal-code",
    "billing_country": "billing country",
    "client_note": "off",
}
# Empty is allowed by the field, but the rules in clean() ask for them: they carry the required marker too.
DELIVERY_REQUIRED = ("address", "city", "zip_code")
BILLING_REQUIRED = ("billing_name", "billing_address", "billing_city", "billing_country")


class CheckoutForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    name = forms.CharField(max_length=200, label="Full name")
    phone = forms.CharField(max_length=40, required=False, label="Phone", widget=forms.TelInput)
    company = forms.CharField(max_length=200, required=False, label="Company")
    fiscal_id = forms.CharField(max_length=40, required=False, label="Tax number")

    address = forms.CharField(max_length=255, required=False, label="Address")
    address_extra = forms.CharField(max_length=255, required=False, label="Apartment, floor (optional)")
    city = forms.CharField(max_length=100, required=False, label="City")
    zip_code = forms.CharField(max_length=20, required=False, label="Postal code")
    country = forms.ChoiceField(choices=country_choices, label="Country")

    billing_same = forms.BooleanField(required=False, initial=True, label="Billing address is the delivery address")
    billing_name = forms.CharField(max_length=200, required=False, label="Name")
    billing_address = forms.CharField(max_length=255, required=False, label="Address")
    billing_city = forms.CharField(max_length=100, required=False, label="City")
    billing_zip_code = forms.CharField(max_length=20, required=False, label="Postal code")
    billing_country = forms.ChoiceField(choices=country_choices, required=False, label="Country")

    shipping_method = forms.ChoiceField(required=False, widget=forms.RadioSelect, label="Shipping method")
    payment_method = forms.ChoiceField(widget=forms.RadioSelect, label="Payment")
    client_note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    accept_terms = forms.BooleanField(required=False)

    DELIVERY_FIELDS = (
        "address",
        "address_extra",
        "city",
        "zip_code",
        "country",
        "billing_same",
        "billing_name",
        "billing_address",
        "billing_city",
        "billing_zip_code",
        "billing_country",
        "shipping_method",
    )

    def __init__(self, *args, store: Store, shipping_choices, payment_choices, needs_shipping=True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.needs_shipping = needs_shipping
        if not needs_shipping:  # downloads only: nothing to deliver, so no address and no shipping method
            for name in self.DELIVERY_FIELDS:
                del self.fields[name]
        if needs_shipping:
            self.fields["shipping_method"].choices = shipping_choices
        self.fields["payment_method"].choices = payment_choices
        self.fields["client_note"].label = "Order note (optional)"
        for name, requirement in (
            ("company", store.field_company),
            ("fiscal_id", store.field_fiscal_id),
            ("phone", store.field_delivery_phone),
        ):
            if requirement == FieldRequirement.HIDDEN:
                del self.fields[name]
            else:
                self.fields[name].required = requirement == FieldRequirement.REQUIRED
        if store.terms_page_title:
            self.fields["accept_terms"].required = True
            self.fields["accept_terms"].label = f"I accept the {store.terms_page_title.lower()}"
        else:
            del self.fields["accept_terms"]
        self.shipping_required = bool(shipping_choices)
        for name, field in self.fields.items():
            if name in AUTOCOMPLETE:
                field.widget.attrs["autocomplete"] = AUTOCOMPLETE[name]
            if name in DELIVERY_REQUIRED + BILLING_REQUIRED:
                field.marked_required = True  # shown with the * of required fields (store/_field.html)
                field.widget.attrs["aria-required"] = "true"

    def clean(self):
        data = super().clean()
        if not self.needs_shipping:
            return data
        pick_up = data.get("payment_method") == PaymentMethodType.PICK_UP
        if not pick_up:
            for name in DELIVERY_REQUIRED:
                if not data.get(name):
                    self.add_error(name, "Needed for delivery.")
            if self.shipping_required and not data.get("shipping_method"):
                self.add_error("shipping_method", "Choose how to ship the order.")
        if not data.get("billing_same"):
            for name in BILLING_REQUIRED:
                if not data.get(name):
                    self.add_error(name, "Needed for the invoice, or tick the box above.")
        return data

    def delivery_payload(self) -> dict | None:
        data = self.cleaned_data
        if not self.needs_shipping:
            return None
        return {
            "name": data["name"],
            "company": data.get("company", ""),
            "phone": data.get("phone", ""),
            "address": data["address"],
            "address_extra": data["address_extra"],
            "city": data["city"],
            "zip_code": data["zip_code"],
            "country_code": data["country"],
        }

    def billing_payload(self) -> dict | None:
        data = self.cleaned_data
        if not self.needs_shipping or data["billing_same"]:
            return None
        return {
            "name": data["billing_name"],
            "address": data["billing_address"],
            "city": data["billing_city"],
            "zip_code": data["billing_zip_code"],
            "country_code": data["billing_country"],
        }
