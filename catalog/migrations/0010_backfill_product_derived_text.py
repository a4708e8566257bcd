"""Fill the stored excerpt and meta description of existing products, in batches of 2,000 rows."""

import html

import nh3
from django.db import migrations
from django.utils.text import Truncator

BATCH = 2_000
# The lengths of catalog.text at the time of this migration (a migration must not follow later changes).
EXCERPT_LENGTH = 200
META_DESCRIPTION_LENGTH = 140


def plain_text(value: str) -> str:
    return " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())


def truncate(value: str, length: int) -> str:
    return Truncator(value).chars(length, truncate="…")


def fill_derived_text(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    last_pk = 0
    while True:
        batch = list(
            Product.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "description", "excerpt", "meta_description")[:BATCH]
        )
        if not batch:
            return
        for product in batch:
            text = plain_text(product.description)
            product.derived_excerpt = product.excerpt or truncate(text, EXCERPT_LENGTH)
            product.derived_meta_description = product.meta_description or truncate(text, META_DESCRIPTION_LENGTH)
        Product.objects.bulk_update(batch, ["derived_excerpt", "derived_meta_description"])
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("catalog", "0009_product_derived_text")]

    # Going back drops the two columns (the previous migration's reverse); nothing to undo here.
    operations = [migrations.RunPython(fill_derived_text, migrations.RunPython.noop)]
