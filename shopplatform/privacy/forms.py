"""The privacy form of the account page. Shape only; the services decide."""

from django import forms

from .models import PrivacyRequest


class PrivacyRequestForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (PrivacyRequest.Kind.EXPORT, "Send me a copy of my data"),
            (PrivacyRequest.Kind.ERASE, "Erase my personal data and close my account"),
        ],
        widget=forms.RadioSelect,
        label="What would you like?",
    )
