"""Customers as the API renders and accepts them (SPEC §4 `customers`; seed 003's order `client` shape)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..countries import InvalidCountryCode, country_name, normalize_country_code
from ..models import Address, Customer


class AddressOutput(serializers.Serializer):
    name = serializers.CharField()
    company = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    address_extra = serializers.CharField()
    city = serializers.CharField()
    zip_code = serializers.CharField()
    region = serializers.CharField()
    country = serializers.SerializerMethodField()
    country_code = serializers.CharField(help_text="ISO 3166-1 alpha-3.")

    def get_country(self, address: Address) -> str:
        return country_name(address.country_code)


class AddressInput(serializers.Serializer):
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


class CustomerOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    email = serializers.EmailField()
    name = serializers.CharField()
    phone = serializers.CharField()
    company = serializers.CharField()
    fiscal_id = serializers.CharField()
    newsletter = serializers.BooleanField()
    wholesale = serializers.BooleanField()
    is_registered = serializers.SerializerMethodField()
    delivery = serializers.SerializerMethodField()
    billing = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_is_registered(self, customer: Customer) -> bool:
        return customer.user_id is not None

    @extend_schema_field(AddressOutput(allow_null=True))
    def get_delivery(self, customer: Customer) -> dict | None:
        return self._address(customer, Address.Kind.DELIVERY)

    @extend_schema_field(AddressOutput(allow_null=True))
    def get_billing(self, customer: Customer) -> dict | None:
        return self._address(customer, Address.Kind.BILLING)

    def _address(self, customer: Customer, kind: str) -> dict | None:
        # Reads the prefetched addresses (ordered default first); no query per customer.
        address = next((item for item in customer.addresses.all() if item.kind == kind), None)
        return AddressOutput(address).data if address else None


class CustomerInput(serializers.Serializer):
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
