"""Products sold as downloads (with a digital listing or versions) ship nothing."""

from django.db import migrations
from django.db.models import Q

BATCH = 1000


def mark_downloads(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    downloads = Product.objects.filter(Q(digital__isnull=False) | Q(versions__isnull=False), ships=True).distinct()
    while ids := list(downloads.values_list("pk", flat=True)[:BATCH]):
        Product.objects.filter(pk__in=ids).update(ships=False)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_product_ships")]

    # Going back drops the column, so there is nothing to restore.
    operations = [migrations.RunPython(mark_downloads, migrations.RunPython.noop)]
