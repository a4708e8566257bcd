"""What the customer API accepts; the output is `CustomerOutput` of the app's representations."""

from rest_framework import serializers

from shopplatform.api.strict import StrictInput
from shopplatform.countries import InvalidCountryCode, normalize_country_code


class AddressInput(StrictInput):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    company = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=255)
    address_extra = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100)
    zip_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    region = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    country_code = serializers.CharField(max_length=3, help_text="ISO 3166-1 alpha-3, any case (prt → PRT).")

    def validate_country_code(self, value: str) -> str:
        try:
            return normalize_country_code(value)
        except InvalidCountryCode as exc:
            raise serializers.ValidationError(exc.detail, code=exc.code) from exc


class CustomerInput(StrictInput):
    """Create needs `email`; PATCH/PUT change only the fields sent. An address object replaces that address; null removes it."""

    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    company = serializers.CharField(max_length=200, required=False, allow_blank=True)
    fiscal_id = serializers.CharField(max_length=40, required=False, allow_blank=True)
    newsletter = serializers.BooleanField(required=False)
    wholesale = serializers.BooleanField(required=False)
    delivery = AddressInput(required=False, allow_null=True)
    billing = AddressInput(required=False, allow_null=True)
