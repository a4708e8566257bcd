"""Sellers of the marketplace."""

from django.conf import settings
from django.db import models

from shopplatform.ids import PublicIdField


class Seller(models.Model):
    """Who sells a product on the marketplace; a seller's user uploads and yanks its digital versions."""

    public_id = PublicIdField(prefix="sel")
    name = models.CharField(max_length=100, unique=True, help_text="Username shown as seller_name.")
    display_name = models.CharField(max_length=200, blank=True)
    avatar_url = models.URLField(max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sellers",
        help_text="The account that manages this seller's products (uploads and yanks versions).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name or self.name
