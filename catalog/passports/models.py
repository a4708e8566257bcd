"""EU Digital Product Passport data, one per product and optionally one per serial number.

A passport with an empty `serial_number` describes every unit of the product; one with a serial number describes
that unit only and is what `/01/{gtin}/21/{serial}` (GS1 Digital Link) shows. Both are deleted with the product
(CASCADE: deleting a product deletes all its passport data permanently). The product is named by string
("catalog.Product"), so this module does not import catalog.models, which re-exports it for model discovery.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from shopplatform.ids import PublicIdField

MAX_MATERIALS = 50
MAX_CERTIFICATIONS = 50


class ProductPassport(models.Model):
    public_id = PublicIdField(prefix="dpp")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="passports")
    serial_number = models.CharField(
        max_length=100, blank=True, help_text="Empty: the passport of every unit; else of this unit only."
    )
    origin_country = models.CharField(max_length=3, blank=True, help_text="ISO 3166-1 alpha-3, e.g. PRT.")
    manufacturer_name = models.CharField(max_length=200, blank=True)
    manufacturer_address = models.TextField(blank=True)
    certifications = models.JSONField(default=list, blank=True, help_text='[{"name", "issuer", "url"}]')
    care_instructions = models.TextField(blank=True)
    repair_instructions = models.TextField(blank=True)
    recycling_instructions = models.TextField(blank=True)
    carbon_footprint_kg = models.DecimalField(
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="kg CO2e over the product's life cycle.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product", "serial_number"]
        constraints = [
            models.UniqueConstraint(fields=["product", "serial_number"], name="passport_one_per_product_serial"),
            models.CheckConstraint(
                condition=Q(carbon_footprint_kg__isnull=True) | Q(carbon_footprint_kg__gte=0),
                name="passport_carbon_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Passport of {self.product}" + (f" #{self.serial_number}" if self.serial_number else "")


class PassportMaterial(models.Model):
    """One material and its share of the product's weight, in percent; the shares of a passport sum to ≤ 100."""

    passport = models.ForeignKey(ProductPassport, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(max_length=200)
    share_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )
    recycled_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="Share of this material that is recycled content.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_percent__gt=0, share_percent__lte=100), name="passport_material_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.share_percent} %"
