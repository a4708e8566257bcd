"""Brands and the category tree."""

from django.db import models

from shopplatform.ids import PublicIdField

from ..text import SLUG_MAX_LENGTH
from .seo import SeoFields


class Brand(SeoFields):
    public_id = PublicIdField(prefix="brand")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True)
    description = models.TextField(blank=True, help_text="Sanitized HTML.")
    image = models.ForeignKey("media_library.Media", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    image_url = models.URLField(max_length=1000, blank=True, help_text="External image, used when no media is linked.")
    position = models.IntegerField(default=0)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Category(SeoFields):
    public_id = PublicIdField(prefix="cat")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    description = models.TextField(blank=True, help_text="Sanitized HTML.")
    image = models.ForeignKey("media_library.Media", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    image_url = models.URLField(max_length=1000, blank=True, help_text="External image, used when no media is linked.")
    position = models.IntegerField(default=0)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title", "pk"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.title
