"""The small forms of the order page: fulfil (carrier and tracking) and refund (an amount in currency units)."""

from django import forms
from unfold.widgets import UnfoldAdminSelectWidget, UnfoldAdminTextInputWidget, UnfoldAdminURLInputWidget

from shopplatform.forms import MoneyFormField, money

from ..models import TRACKING_CARRIERS, Order
from ..services.refunds import refundable_cents

CARRIER_NAMES = {"dhl_express": "DHL Express", "dhl_globalmail": "DHL Global Mail", "dhl_parcel": "DHL Parcel"}


def carrier_name(code: str) -> str:
    """ "dhl_express" as "DHL Express", "ctt" as "CTT"."""
    return CARRIER_NAMES.get(code, code.replace("_", " ").upper())


def carrier_choices() -> list[tuple[str, str]]:
    return [("", "Choose a carrier"), *((code, carrier_name(code)) for code in TRACKING_CARRIERS)]


class FulfilForm(forms.Form):
    carrier = forms.ChoiceField(choices=carrier_choices, widget=UnfoldAdminSelectWidget)
    tracking_code = forms.CharField(label="Tracking number", max_length=100, widget=UnfoldAdminTextInputWidget)
    tracking_url = forms.URLField(
        label="Tracking link", required=False, max_length=1000, assume_scheme="https", widget=UnfoldAdminURLInputWidget
    )


class RefundForm(forms.Form):
    reason = forms.CharField(max_length=255, required=False, widget=UnfoldAdminTextInputWidget)

    def __init__(self, *args, order: Order, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        left = refundable_cents(order)
        self.fields = {
            "amount": MoneyFormField(
                order.currency,
                label="Amount",
                initial=left,
                help_text=f"Up to {money(left, order.currency)}.",
            ),
            **self.fields,
        }
