"""Option groups (up to three per product), their options and the variant matrix."""

from django.db import models

from shopplatform.ids import PublicIdField

from ..exceptions import InvalidPrice
from .products import Product


class OptionGroup(models.Model):
    """A variant dimension such as Size or Colour; a product has at most three."""

    public_id = PublicIdField(prefix="optg")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="option_groups")
    title = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Option(models.Model):
    """One value of an option group, such as "Small"; renaming keeps its id and the variants using it."""

    public_id = PublicIdField(prefix="opt")
    group = models.ForeignKey(OptionGroup, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Variant(models.Model):
    """One combination of option values. Empty prices, shipping and weight fall back to the product's."""

    public_id = PublicIdField(prefix="var")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    option_1 = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")
    option_2 = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    option_3 = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=320, help_text='Option values joined by " / ".')
    position = models.PositiveIntegerField(default=0)
    price_cents = models.BigIntegerField(null=True, blank=True)
    promo_price_cents = models.BigIntegerField(null=True, blank=True)
    wholesale_price_cents = models.BigIntegerField(null=True, blank=True)
    price_on_request = models.BooleanField(default=False)
    stock_quantity = models.IntegerField(default=0)
    shipping_cents = models.BigIntegerField(null=True, blank=True)
    weight_grams = models.IntegerField(null=True, blank=True)
    sku = models.CharField(max_length=100, blank=True, db_index=True)
    barcode = models.CharField(max_length=100, blank=True)
    image = models.ForeignKey("media_library.Media", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    image_url = models.URLField(max_length=1000, blank=True, help_text="External image, used when no media is linked.")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def option_pks(self) -> frozenset[int]:
        return frozenset(pk for pk in (self.option_1_id, self.option_2_id, self.option_3_id) if pk)

    def effective_price_cents(self, product: Product) -> int:
        return product.price_cents if self.price_cents is None else self.price_cents

    def effective_promo_price_cents(self, product: Product) -> int | None:
        """The variant's promo, or the product's when the variant also inherits the product's price."""
        if self.promo_price_cents is not None or self.price_cents is not None:
            return self.promo_price_cents
        return product.promo_price_cents

    def effective_wholesale_price_cents(self, product: Product) -> int | None:
        return product.wholesale_price_cents if self.wholesale_price_cents is None else self.wholesale_price_cents

    def effective_shipping_cents(self, product: Product) -> int:
        return product.shipping_cents if self.shipping_cents is None else self.shipping_cents

    def effective_weight_grams(self, product: Product) -> int | None:
        return product.weight_grams if self.weight_grams is None else self.weight_grams

    @property
    def options(self) -> list[Option]:
        return [option for option in (self.option_1, self.option_2, self.option_3) if option is not None]

    def check_prices(self, product: Product) -> None:
        """Guard this variant's price invariants against its product's fallbacks; raise InvalidPrice."""
        for field in ("price_cents", "promo_price_cents", "wholesale_price_cents", "shipping_cents"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise InvalidPrice(f"`{field}` cannot be negative.", param=field)
        if self.promo_price_cents is not None and self.promo_price_cents >= self.effective_price_cents(product):
            raise InvalidPrice("The promotional price must be lower than the price.", param="promo_price_cents")
