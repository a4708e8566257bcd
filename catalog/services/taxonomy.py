"""Categories (a tree) and brands; `image` is {"media": "med_…"}, {"url": …} or None (see references)."""

from django.db import transaction

from ..exceptions import CategoryCycle
from ..models import Brand, Category
from ..text import sanitize_html
from .references import resolve_category, resolve_image
from .slugs import claim_slug, unique_slug


@transaction.atomic
def create_category(**fields) -> Category:
    """Create a category; raise UnknownReference for an unknown parent or SlugTaken."""
    category = Category(title=fields["title"])
    _apply_category(category, fields)
    if "slug" not in fields:
        category.slug = unique_slug(Category, category.title)
    category.save()
    return category


@transaction.atomic
def update_category(*, category: Category, **fields) -> Category:
    """Apply the given fields; raise CategoryCycle when the new parent lies below the category."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    _apply_category(category, fields)
    category.save()
    return category


@transaction.atomic
def delete_category(*, category: Category) -> None:
    """Delete the category; its children move up to its parent and its products simply lose it."""
    Category.objects.filter(parent=category).update(parent=category.parent_id)
    category.delete()


def _apply_category(category: Category, fields: dict) -> None:
    for name, value in fields.items():
        if name not in ("slug", "parent", "image"):
            setattr(category, name, value)
    if "image" in fields:
        category.image, category.image_url = resolve_image(fields["image"])
    if "description" in fields:
        category.description = sanitize_html(fields["description"])
    if "slug" in fields:
        category.slug = claim_slug(Category, fields["slug"], exclude_pk=category.pk)
    if "parent" in fields:
        parent = resolve_category(fields["parent"], param="parent")
        if parent is not None and category.pk is not None and _is_descendant_or_self(parent, category):
            raise CategoryCycle("A category cannot sit below itself.", param="parent")
        category.parent = parent


def _is_descendant_or_self(candidate: Category, ancestor: Category) -> bool:
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    node, seen = candidate.pk, set()
    while node is not None and node not in seen:
        if node == ancestor.pk:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


@transaction.atomic
def create_brand(**fields) -> Brand:
    """Create a brand; raise SlugTaken for a slug in use."""
    brand = Brand(title=fields["title"])
    _apply_brand(brand, fields)
    if "slug" not in fields:
        brand.slug = unique_slug(Brand, brand.title)
    brand.save()
    return brand


@transaction.atomic
def update_brand(*, brand: Brand, **fields) -> Brand:
    """Apply the given fields; raise SlugTaken for a slug in use."""
    brand = Brand.objects.select_for_update().get(pk=brand.pk)
    _apply_brand(brand, fields)
    brand.save()
    return brand


@transaction.atomic
def delete_brand(*, brand: Brand) -> None:
    """Delete the brand; its products keep existing without a brand."""
    brand.delete()


def _apply_brand(brand: Brand, fields: dict) -> None:
    for name, value in fields.items():
        if name not in ("slug", "image"):
            setattr(brand, name, value)
    if "image" in fields:
        brand.image, brand.image_url = resolve_image(fields["image"])
    if "description" in fields:
        brand.description = sanitize_html(fields["description"])
    if "slug" in fields:
        brand.slug = claim_slug(Brand, fields["slug"], exclude_pk=brand.pk)
