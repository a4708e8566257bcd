"""The product page's option pickers: one control per option group (buttons, or swatches for a colour group)
instead of one dropdown of combined variants, and the variant a set of chosen options names.

Without script the pickers are radio groups in a GET form: each group's field is named by the group's public id
and carries an option's public id (`?optg_…=opt_…&optg_…=opt_…`); `chosen_variant` reads them back. With script
(static/js/store.js) the same decision runs in the browser from `picker_data`, so price, stock, image and the
cart form follow each choice without a reload.

An option is shown "sold out" when the variant it makes together with the other groups' current choices cannot be
ordered now, and "unavailable" (its radio disabled) when no active variant has that combination.
"""

import re
from dataclasses import dataclass

from .availability import Availability
from .models import Option, OptionGroup, Product, ProductImage, Variant
from .models.products import image_renditions

COLOUR_GROUP = re.compile(r"\b(colou?rs?|cor(es)?|couleurs?|farben?|colou?r way)\b", re.IGNORECASE)
# Swatch colours for common colour names; another name shows as a plain button (its text is always shown).
SWATCHES = {
    "white": "#ffffff",
    "off white": "#f4f1ea",
    "ivory": "#fffff0",
    "cream": "#f3ead3",
    "oat": "#d8c8a8",
    "natural": "#e6dcc5",
    "sand": "#d7c4a0",
    "beige": "#e1cfae",
    "linen": "#e9e1d1",
    "grey": "#8c8c8c",
    "gray": "#8c8c8c",
    "charcoal": "#36454f",
    "black": "#111111",
    "navy": "#1f2a52",
    "blue": "#2f6db5",
    "sky": "#8ec5ea",
    "green": "#3d8a4f",
    "sage": "#9caf88",
    "olive": "#6b6b2e",
    "forest": "#28573a",
    "red": "#c0392b",
    "terracotta": "#c4603f",
    "rust": "#a4452c",
    "pink": "#e8a0b4",
    "blush": "#e9c2c0",
    "purple": "#7b4a9a",
    "yellow": "#f1c40f",
    "mustard": "#d2a62a",
    "orange": "#e67e22",
    "brown": "#7a4e2d",
}


@dataclass(frozen=True)
class OptionChoice:
    option: Option
    checked: bool
    state: str  # "", "sold-out" or "unavailable" (for the combination with the other groups' current choices)
    swatch: str  # a CSS colour for a colour group's known colour names, else ""


@dataclass(frozen=True)
class GroupPicker:
    group: OptionGroup
    is_colour: bool
    choices: list[OptionChoice]

    @property
    def chosen(self) -> OptionChoice | None:
        return next((choice for choice in self.choices if choice.checked), None)


def is_colour_group(group: OptionGroup) -> bool:
    return bool(COLOUR_GROUP.search(group.title))


def swatch_colour(title: str) -> str:
    return SWATCHES.get(" ".join(title.lower().split()), "")


def chosen_variant(
    groups: list[OptionGroup], variants: list[Variant], query, *, orderable: dict[int, bool]
) -> Variant | None:
    """The variant the request names: `?variant=`/`?option=` (a variant id), else the options chosen per group (the
    exact combination, else the orderable variant sharing most of them), else the first orderable variant."""
    if not variants:
        return None
    by_id = {variant.public_id: variant for variant in variants}
    named = query.get("variant") or query.get("option")
    if named in by_id:
        return by_id[named]
    chosen = {
        option.pk
        for group in groups
        for option in group.options.all()
        if query.get(group.public_id) == option.public_id
    }
    if not chosen:
        return next((variant for variant in variants if orderable[variant.pk]), variants[0])
    # Most chosen options in common first, then orderable, then the merchant's order (max keeps the first of equals).
    return max(variants, key=lambda variant: (len(chosen & variant.option_pks), orderable[variant.pk]))


def group_pickers(
    groups: list[OptionGroup], variants: list[Variant], chosen: Variant | None, *, orderable: dict[int, bool]
) -> list[GroupPicker]:
    """One picker per group, its options marked checked, sold out or unavailable around the chosen variant."""
    by_options = {variant.option_pks: variant for variant in variants}
    current = chosen.option_pks if chosen is not None else frozenset()
    pickers = []
    for group in groups:
        options = list(group.options.all())
        colour = is_colour_group(group)
        others = current - {option.pk for option in options}
        choices = []
        for option in options:
            variant = by_options.get(others | {option.pk})
            state = "unavailable" if variant is None else "" if orderable[variant.pk] else "sold-out"
            swatch = swatch_colour(option.title) if colour else ""
            choices.append(OptionChoice(option, option.pk in current, state, swatch))
        pickers.append(GroupPicker(group, colour, choices))
    return pickers


def picker_data(
    groups: list[OptionGroup], variants: list[Variant], facts: dict[int, dict], availabilities: dict[int, Availability]
) -> dict:
    """What the script needs to decide in the browser: each variant's options and facts, and the groups' options."""
    return {
        "groups": [
            {"id": group.public_id, "options": [option.public_id for option in group.options.all()]} for group in groups
        ],
        "variants": [
            {
                "id": variant.public_id,
                "options": [option.public_id for option in variant.options],
                "orderable": availabilities[variant.pk].can_buy,
                **facts[variant.pk],
            }
            for variant in variants
        ],
    }


def variant_image(variant: Variant | None) -> str:
    """The variant's own picture (full size), or "" when it shows the product's gallery."""
    if variant is None or (variant.image_id is None and not variant.image_url):
        return ""
    return image_renditions(variant.image, variant.image_url)["full"]


def gallery_lead(product: Product, images: list[ProductImage], chosen: Variant | None) -> dict:
    """The gallery's main picture: the chosen variant's own, else the product's first; and the product's first, which
    the script restores when a choice has no picture of its own. Empty URLs when there is neither."""
    first_url = images[0].url if images else ""
    first_alt = (images[0].alt if images else "") or product.title
    own = variant_image(chosen)
    return {
        "url": own or first_url,
        "alt": f"{product.title} — {chosen.title}" if own else first_alt,
        "product_url": first_url or own,
        "product_alt": first_alt,
    }
