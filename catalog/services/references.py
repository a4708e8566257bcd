"""Turn the ids or slugs a caller sends into rows, naming the offending field when one is unknown."""

from django.db.models import Q

from ..exceptions import UnknownReference
from ..models import Brand, Category, Seller


def _by_id_or_slug(model, refs: list[str]) -> dict[str, object]:
    rows = model.objects.filter(Q(public_id__in=refs) | Q(slug__in=refs))
    found = {}
    for row in rows:
        found.setdefault(row.slug, row)
        found[row.public_id] = row  # an id wins over a slug spelling the same text
    return found


def resolve_categories(refs: list[str], *, param: str = "categories") -> list[Category]:
    found = _by_id_or_slug(Category, refs)
    missing = [ref for ref in refs if ref not in found]
    if missing:
        raise UnknownReference(f"Unknown categories: {', '.join(missing)}.", param=param)
    return list({found[ref].pk: found[ref] for ref in refs}.values())


def resolve_category(ref: str | None, *, param: str) -> Category | None:
    return None if ref is None else resolve_categories([ref], param=param)[0]


def resolve_brand(ref: str | None, *, param: str = "brand") -> Brand | None:
    if ref is None:
        return None
    found = _by_id_or_slug(Brand, [ref])
    if ref not in found:
        raise UnknownReference(f"Unknown brand: {ref}.", param=param)
    return found[ref]


def resolve_seller(ref: str | None, *, param: str = "seller") -> Seller | None:
    """A seller by id or by name (seed 004's `seller_name`)."""
    if ref is None:
        return None
    seller = Seller.objects.filter(Q(public_id=ref) | Q(name=ref)).first()
    if seller is None:
        raise UnknownReference(f"Unknown seller: {ref}.", param=param)
    return seller
