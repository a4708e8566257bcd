from decimal import Decimal

import factory

from catalog.models import PassportMaterial, ProductPassport
from tests.catalog.factories import ProductFactory

GTIN = "09506000134352"  # a GTIN-14 with a valid check digit


class PassportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPassport

    product = factory.SubFactory(ProductFactory, gtin=GTIN)
    origin_country = "PRT"
    manufacturer_name = "Fábrica do Norte"
    manufacturer_address = "Rua Industrial 1, Porto"
    certifications = [{"name": "OEKO-TEX 100", "issuer": "OEKO-TEX", "url": "https://www.oeko-tex.com/"}]
    care_instructions = "Wash at 30 °C."
    repair_instructions = "Spare buttons inside."
    recycling_instructions = "Textile bin."
    carbon_footprint_kg = Decimal("4.250")


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PassportMaterial

    passport = factory.SubFactory(PassportFactory)
    name = "Organic cotton"
    share_percent = Decimal("95.00")
