"""What the catalog's admin screens share: form values turned into service arguments, and image previews."""

from django.contrib import admin
from django.utils.html import format_html

from ..models.products import image_renditions


def reference(row) -> str | None:
    """A related row as the services take it: its public id (None when empty)."""
    return row.public_id if row is not None else None


def image_value(media, url: str) -> dict | None:
    """An image as the services take it: {"media": "med_…"}, {"url": …} or None."""
    if media is not None:
        return {"media": media.public_id}
    return {"url": url} if url else None


def service_fields(form, names, *, relations=(), image_field: str | None = None) -> dict:
    """The form's values for `names` as service keyword arguments: related rows become public ids."""
    fields = {}
    for name in names:
        if name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        if name in relations:
            value = [reference(row) for row in value] if name == "categories" else reference(value)
        fields[name] = value
    if image_field and {"image", "image_url"} & set(names):
        fields.pop("image_url", None)
        fields[image_field] = image_value(form.cleaned_data.get("image"), form.cleaned_data.get("image_url", ""))
    return fields


def names_to_save(form, *, change: bool) -> list[str]:
    """On a change only what the merchant edited (services apply partial updates); on an add every field.

    Django reports a JSON field as changed whenever it is posted, so a value equal to the stored one is left out.
    """
    if not change:
        return list(form.fields)
    return [name for name in form.changed_data if form.cleaned_data.get(name) != form.initial.get(name)]


def preview_html(renditions: dict[str, str], *, alt: str = "", size: int = 60) -> str:
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" style="object-fit:cover">', renditions["thumb"], alt, size, size
    )


class ImagePreviewMixin:
    """The `image` media picked by autocomplete (the media admin's search) and a thumbnail of the result."""

    @admin.display(description="Preview")
    def image_preview(self, row) -> str:
        return preview_html(image_renditions(row.image, row.image_url))
