"""Search-engine fields shared by brands, categories and products."""

from django.db import models


class SeoFields(models.Model):
    """Fields every storefront page of the catalog has (page_title, meta_description, meta_tags)."""

    page_title = models.CharField(max_length=255, blank=True)
    meta_description = models.CharField(max_length=500, blank=True)
    meta_tags = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True
