"""Wire format of product passports (EU Digital Product Passport data)."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput
from shopplatform.links import absolute_url

from ..models import MAX_CERTIFICATIONS, MAX_MATERIALS
from ..services import digital_link_path

TEXT_LIMIT = 10_000


class MaterialSerializer(Serializer):
    name = serializers.CharField(max_length=200)
    share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal(100)
    )
    recycled_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal(100), allow_null=True, required=False
    )


class CertificationSerializer(Serializer):
    name = serializers.CharField(max_length=200)
    issuer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True, default="")


class ManufacturerSerializer(Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    address = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class PassportInput(StrictInput):
    """Every field optional: PUT and PATCH change only what is sent; `materials` replaces the whole list.

    Validated without DRF's `partial` so that items of `materials` and `certifications` keep their required keys.
    """

    origin_country = serializers.CharField(
        max_length=3, allow_blank=True, required=False, help_text="ISO 3166-1 alpha-3."
    )
    manufacturer = ManufacturerSerializer(required=False)
    materials = serializers.ListField(child=MaterialSerializer(), max_length=MAX_MATERIALS, required=False)
    certifications = serializers.ListField(
        child=CertificationSerializer(), max_length=MAX_CERTIFICATIONS, required=False
    )
    care_instructions = serializers.CharField(max_length=TEXT_LIMIT, allow_blank=True, required=False)
    repair_instructions = serializers.CharField(max_length=TEXT_LIMIT, allow_blank=True, required=False)
    recycling_instructions = serializers.CharField(max_length=TEXT_LIMIT, allow_blank=True, required=False)
    carbon_footprint_kg = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=Decimal(0), allow_null=True, required=False, help_text="kg CO2e."
    )


class PassportOutput(Serializer):
    id = serializers.CharField(source="public_id")
    product = serializers.CharField(source="product.public_id")
    gtin = serializers.CharField(source="product.gtin", help_text="GTIN-14; empty when the product has none.")
    serial_number = serializers.CharField(help_text="Empty: the passport of every unit of the product.")
    digital_link = serializers.SerializerMethodField()
    origin_country = serializers.CharField()
    manufacturer = serializers.SerializerMethodField()
    materials = MaterialSerializer(many=True)
    certifications = CertificationSerializer(many=True)
    care_instructions = serializers.CharField()
    repair_instructions = serializers.CharField()
    recycling_instructions = serializers.CharField()
    carbon_footprint_kg = serializers.DecimalField(max_digits=12, decimal_places=3, allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_digital_link(self, passport) -> str | None:
        """GS1 Digital Link URL of this passport's page; null when the product has no GTIN."""
        path = digital_link_path(passport.product.gtin, passport.serial_number)
        return absolute_url(path) if path else None

    @extend_schema_field(ManufacturerSerializer)
    def get_manufacturer(self, passport) -> dict:
        return {"name": passport.manufacturer_name, "address": passport.manufacturer_address}
