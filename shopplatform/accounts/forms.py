"""Forms of the account pages: sign-up, profile, address book, newsletter and API keys. Shape only; services decide."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm

from shopplatform.api.scopes import SCOPES
from shopplatform.countries import country_choices


class SignUpForm(forms.Form):
    name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(label="E-mail")
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label="Password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    newsletter = forms.BooleanField(required=False, label="Send me the newsletter")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(email__iexact=email).exists() or users.filter(username__iexact=email).exists():
            raise forms.ValidationError("An account with this e-mail exists. Sign in or reset your password.")
        return email

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password and password != data.get("password_again"):
            self.add_error("password_again", "The two passwords differ.")
        elif password:
            user = get_user_model()(username=data.get("email", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class SignInForm(AuthenticationForm):
    """Django's sign-in form; store accounts use their e-mail as the username."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mail"
        self.fields["username"].widget.attrs["autocomplete"] = "email"


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=200, label="Full name")
    phone = forms.CharField(max_length=40, required=False, label="Phone")
    company = forms.CharField(max_length=200, required=False, label="Company")
    fiscal_id = forms.CharField(max_length=40, required=False, label="Tax number")
    newsletter = forms.BooleanField(required=False, label="Send me the newsletter")


class NewsletterForm(forms.Form):
    email = forms.EmailField(label="E-mail")


class ApiKeyForm(forms.Form):
    name = forms.CharField(max_length=100, label="Name", help_text="To tell your keys apart, e.g. “Accounting”.")
    scopes = forms.MultipleChoiceField(
        choices=[(scope, scope) for scope in SCOPES], widget=forms.CheckboxSelectMultiple, label="Scopes"
    )


class AddressForm(forms.Form):
    """A delivery address of the address book, with the autocomplete tokens browsers fill it from."""

    name = forms.CharField(max_length=200, required=False, label="Name", help_text="Who receives the parcel.")
    company = forms.CharField(max_length=200, required=False, label="Company")
    phone = forms.CharField(max_length=40, required=False, label="Phone", widget=forms.TelInput)
    address = forms.CharField(max_length=255, label="Address")
    address_extra = forms.CharField(max_length=255, required=False, label="Apartment, floor (optional)")
    zip_code = forms.CharField(max_length=20, label="Postal code")
    city = forms.CharField(max_length=100, label="City")
    country_code = forms.ChoiceField(choices=country_choices, label="Country")
    is_default = forms.BooleanField(required=False, label="Use this address by default")

    AUTOCOMPLETE = {
        "name": "shipping name",
        "company": "shipping organization",
        "phone": "shipping tel",
        "address": "shipping address-line1",
        "address_extra": "shipping address-line2",
        "zip_code": "shipping postal-code",
        "city": "shipping address-level2",
        "country_code": "shipping country",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
