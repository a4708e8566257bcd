"""The transfer form of the account's wallet page: shape only; wallet.services decides."""

from django import forms


class TransferForm(forms.Form):
    to = forms.CharField(max_length=254, label="Recipient e-mail or customer id")
    amount = forms.DecimalField(min_value=0, max_digits=14, decimal_places=2, label="Amount")
    note = forms.CharField(max_length=500, required=False, label="Note (optional)")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("Enter an amount above zero.")
        return amount
