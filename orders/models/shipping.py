from django.db import models
from django.db.models import Q

from shopplatform.ids import PublicIdField


class ShippingMethod(models.Model):
    """A shipping rate: offered for some countries (none listed = all), an order weight and value range."""

    public_id = PublicIdField(prefix="ship")
    title = models.CharField(max_length=120)
    description = models.CharField(max_length=500, blank=True)
    countries = models.JSONField(
        default=list, blank=True, help_text='ISO alpha-3 codes, e.g. ["PRT", "ESP"]; [] = all.'
    )
    min_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    max_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    min_value_cents = models.PositiveBigIntegerField(null=True, blank=True, help_text="Order value, in cents.")
    max_value_cents = models.PositiveBigIntegerField(null=True, blank=True)
    price_cents = models.PositiveBigIntegerField(default=0)
    free_over_cents = models.PositiveBigIntegerField(null=True, blank=True, help_text="Free at or above this value.")
    active = models.BooleanField(default=True)
    position = models.IntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "price_cents", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_weight_grams__isnull=True)
                | Q(max_weight_grams__isnull=True)
                | Q(min_weight_grams__lte=models.F("max_weight_grams")),
                name="shipping_weight_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_value_cents__isnull=True)
                | Q(max_value_cents__isnull=True)
                | Q(min_value_cents__lte=models.F("max_value_cents")),
                name="shipping_value_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def serves(self, *, country_code: str | None, weight_grams: int | None, value_cents: int | None) -> bool:
        """Whether this method ships an order to the country with this weight and value (None = not checked)."""
        if country_code and self.countries and country_code.upper() not in self.countries:
            return False
        if weight_grams is not None and not _within(weight_grams, self.min_weight_grams, self.max_weight_grams):
            return False
        return value_cents is None or _within(value_cents, self.min_value_cents, self.max_value_cents)

    def quote_cents(self, *, value_cents: int | None) -> int:
        """The price for an order of this value: free at or over `free_over_cents`."""
        if value_cents is not None and self.free_over_cents is not None and value_cents >= self.free_over_cents:
            return 0
        return self.price_cents


def _within(amount: int, low: int | None, high: int | None) -> bool:
    return (low is None or amount >= low) and (high is None or amount <= high)
