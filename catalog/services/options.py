"""Option groups (variant dimensions) and the variant matrix they span.

Variants are identified by their set of option ids, so renaming an option or a group keeps every variant.
Adding a group extends each existing variant with the group's first value (its data carries over to that
combination); deleting a group keeps, for each remaining combination, the first variant that reduces to it.
Combinations without a variant are created with empty prices (they fall back to the product's).
"""

import itertools

from django.db import transaction

from ..events import emit_product_event
from ..exceptions import InvalidOptions, TooManyOptionGroups
from ..models import Option, OptionGroup, Product, Variant

MAX_GROUPS = 3
MAX_OPTIONS_PER_GROUP = 50
MAX_VARIANTS = 1000


@transaction.atomic
def create_option_group(*, product: Product, title: str, options: list[dict]) -> OptionGroup:
    """Add a group with its values and extend the matrix; raise TooManyOptionGroups or InvalidOptions."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    groups = list(product.option_groups.all())
    if len(groups) >= MAX_GROUPS:
        raise TooManyOptionGroups(f"A product has at most {MAX_GROUPS} option groups.", param="title")
    group = OptionGroup.objects.create(
        product=product, title=title, position=max((g.position for g in groups), default=-1) + 1
    )
    _sync_options(group, options)
    first = group.options.first()
    variants = list(product.variants.all())
    for variant in variants:
        _set_slots(variant, [*_slot_ids(variant), first.pk])
    Variant.objects.bulk_update(variants, ["option_1", "option_2", "option_3"])
    regenerate_variants(product=product)
    emit_product_event("product.updated", product)
    return group


@transaction.atomic
def update_option_group(*, group: OptionGroup, title: str | None = None, options: list[dict] | None = None):
    """Rename the group and/or replace its values (ids keep values, titles match them); regenerate the matrix."""
    product = Product.objects.select_for_update().get(pk=group.product_id)
    if title is not None:
        group.title = title
        group.save(update_fields=["title"])
    if options is not None:
        _sync_options(group, options)
    regenerate_variants(product=product)
    emit_product_event("product.updated", product)
    return group


@transaction.atomic
def delete_option_group(*, group: OptionGroup) -> None:
    """Remove a dimension; combinations that still differ keep their first variant's data."""
    product = Product.objects.select_for_update().get(pk=group.product_id)
    removed = set(group.options.values_list("pk", flat=True))
    kept: dict[frozenset, Variant] = {}
    for variant in product.variants.order_by("position", "pk"):
        remaining = [pk for pk in _slot_ids(variant) if pk not in removed]
        key = frozenset(remaining)
        if remaining and key not in kept:
            _set_slots(variant, remaining)
            kept[key] = variant
    product.variants.exclude(pk__in=[variant.pk for variant in kept.values()]).delete()
    Variant.objects.bulk_update(kept.values(), ["option_1", "option_2", "option_3"])
    group.delete()
    regenerate_variants(product=product)
    emit_product_event("product.updated", product)


@transaction.atomic
def regenerate_variants(*, product: Product) -> list[Variant]:
    """Make the variants exactly the combinations of the current options, keeping surviving ones."""
    groups = list(product.option_groups.prefetch_related("options"))
    value_lists = [list(group.options.all()) for group in groups]
    existing = {variant.option_pks: variant for variant in product.variants.all()}
    if not groups:
        product.variants.all().delete()
        return []
    if len(list(itertools.islice(itertools.product(*value_lists), MAX_VARIANTS + 1))) > MAX_VARIANTS:
        raise InvalidOptions(f"At most {MAX_VARIANTS} combinations per product.", param="options")
    kept, created = [], []
    for position, combination in enumerate(itertools.product(*value_lists)):
        variant = existing.pop(frozenset(option.pk for option in combination), None)
        if variant is None:
            variant = Variant(product=product)
            created.append(variant)
        else:
            kept.append(variant)
        _set_slots(variant, [option.pk for option in combination])
        variant.title = " / ".join(option.title for option in combination)
        variant.position = position
    Variant.objects.filter(pk__in=[variant.pk for variant in existing.values()]).delete()
    Variant.objects.bulk_update(kept, ["option_1", "option_2", "option_3", "title", "position"])
    Variant.objects.bulk_create(created)
    return list(product.variants.all())


def _sync_options(group: OptionGroup, values: list[dict]) -> None:
    """Make the group's options exactly `values` ([{"id"?, "title"}]), in that order."""
    titles = [value["title"].strip() for value in values]
    if not values or len(values) > MAX_OPTIONS_PER_GROUP:
        raise InvalidOptions(f"A group has 1 to {MAX_OPTIONS_PER_GROUP} options.", param="options")
    if any(not title for title in titles) or len({title.casefold() for title in titles}) != len(titles):
        raise InvalidOptions("Option titles must be non-empty and distinct.", param="options")
    current = list(group.options.all())
    by_id = {option.public_id: option for option in current}
    by_title = {option.title: option for option in current}
    keep: list[Option] = []
    for position, (value, title) in enumerate(zip(values, titles, strict=True)):
        if value.get("id"):
            option = by_id.get(value["id"])
            if option is None:
                raise InvalidOptions(f"Option {value['id']} is not in this group.", param="options")
        else:
            option = by_title.get(title) or Option(group=group)
        if option in keep:
            raise InvalidOptions("An option appears twice.", param="options")
        option.title, option.position = title, position
        keep.append(option)
    group.options.exclude(pk__in=[option.pk for option in keep if option.pk]).delete()
    for option in keep:
        option.save()


def _slot_ids(variant: Variant) -> list[int]:
    return [pk for pk in (variant.option_1_id, variant.option_2_id, variant.option_3_id) if pk]


def _set_slots(variant: Variant, option_pks: list[int]) -> None:
    padded = [*option_pks, None, None][:3]
    variant.option_1_id, variant.option_2_id, variant.option_3_id = padded
