"""How the seed 003 product extras render: the attached file, custom fields, tabs and `variants_same_values`.

The file renders as {"id", "name", "mime_type", "size_bytes", "ready", "url"}; `url` is the store route that
serves it (/product/<slug>/file, which checks `file_access`), never the storage location, and null until the
media is processed. A product without a file renders `file: null`; without custom fields or tabs, `[]`.
"""

from rest_framework import serializers

from media_library.models import Media
from shopplatform.api.serializers import Serializer

# Values a variant may set for itself instead of inheriting the product's (stock is always per variant).
OWN_VALUES = ("price_cents", "promo_price_cents", "wholesale_price_cents", "shipping_cents", "weight_grams")


class CustomFieldOutput(Serializer):
    name = serializers.CharField()
    value = serializers.CharField()


class TabOutput(Serializer):
    title = serializers.CharField()
    content = serializers.CharField(help_text="Sanitized HTML.")


class ProductFileOutput(Serializer):
    id = serializers.CharField(help_text="The media id (med_…).")
    name = serializers.CharField()
    mime_type = serializers.CharField(allow_null=True)
    size_bytes = serializers.IntegerField(allow_null=True)
    ready = serializers.BooleanField(help_text="False while the media library is still processing the file.")
    url = serializers.URLField(allow_null=True, help_text="The store route serving the file; null until ready.")


def file_object(product, links) -> dict | None:
    """The product's file as ProductFileOutput renders it (reads `file` and `file.duplicate_of`, joined in)."""
    media = product.file
    if media is None:
        return None
    stored = media.stored
    ready = stored.status == Media.Status.READY and bool(stored.original.name)
    return {
        "id": media.public_id,
        "name": media.original_name or stored.original_name,
        "mime_type": stored.mime_type,
        "size_bytes": stored.size_bytes,
        "ready": ready,
        # The file route sits under the product page's path (catalog.urls: product/<slug>/file).
        "url": links.product(product.slug) + "/file" if ready else None,
    }


def variants_same_values(variants) -> bool:
    """True when every variant sells on the product's values: no price, promo, wholesale, shipping or weight of its
    own and no price-on-request of its own (seed 003 `variants_same_values`; true without variants)."""
    return all(
        all(getattr(variant, name) is None for name in OWN_VALUES) and not variant.price_on_request
        for variant in variants
    )
