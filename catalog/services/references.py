"""Turn the ids or slugs a caller sends into rows (media by id), naming the offending field when one is unknown."""

from django.db.models import Q

from media_library.models import Media
from shopplatform.errors import Conflict, InvalidInput

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
    """A seller by id or by name (the published `seller_name`)."""
    if ref is None:
        return None
    seller = Seller.objects.filter(Q(public_id=ref) | Q(name=ref)).first()
    if seller is None:
        raise UnknownReference(f"Unknown seller: {ref}.", param=param)
    return seller


def resolve_media(refs: dict[str, str]) -> dict[str, Media]:
    """Media by public id for {param: "med_…"}; raise naming the param of the first unknown or unusable one.

    Media still processing are accepted (they show placeholders until ready); failed media and files are not.
    """
    found = {media.public_id: media for media in Media.objects.filter(public_id__in=set(refs.values()))}
    for param, ref in refs.items():
        media = found.get(ref)
        if media is None:
            raise UnknownReference(f"Unknown media: {ref}.", param=param)
        if media.stored.status == Media.Status.FAILED:
            raise Conflict(
                f"Media {ref} failed processing ({media.stored.error}); upload the image again.", param=param
            )
        if media.stored.kind == Media.Kind.FILE:
            raise InvalidInput(f"Media {ref} is a file, not an image.", param=param)
    return {param: found[ref] for param, ref in refs.items()}


def resolve_image(value: dict | None, *, param: str = "image") -> tuple[Media | None, str]:
    """(media, external URL) for an image given as {"media": "med_…"} or {"url": …}; (None, "") clears it."""
    if not value:
        return None, ""
    if value.get("media"):
        return resolve_media({param: value["media"]})[param], ""
    return None, value["url"]
