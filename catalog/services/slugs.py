"""Unique, stable slugs for products, categories and brands (a taken slug gets a number: `rustic-spice-bowl-set-2`)."""

from django.db import models

from ..exceptions import SlugTaken
from ..text import SLUG_MAX_LENGTH, slug_base


def unique_slug(model: type[models.Model], title: str) -> str:
    """Slugify the title and add the first free numeric suffix (-2, -3, …) among rows of `model`."""
    base = slug_base(title)[: SLUG_MAX_LENGTH - 8]
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


def claim_slug(model: type[models.Model], slug: str, *, exclude_pk: int | None = None) -> str:
    """Accept a slug the caller chose; raise SlugTaken when another row of `model` has it."""
    if model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        raise SlugTaken(f"The slug '{slug}' is already in use.", param="slug")
    return slug
