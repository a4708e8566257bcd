"""Customers as the API and the `customer.*` / `newsletter.*` event payloads render them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.countries import country_name

from .models import Address, Customer


class AddressOutput(Serializer):
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


class CustomerOutput(Serializer):
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
