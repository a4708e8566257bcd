"""Number the orders placed before numbers existed, oldest first from 1001, and start the counter after them."""

from django.db import migrations

FIRST_NUMBER = 1001
BATCH = 500


def number_orders(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    Counter = apps.get_model("orders", "OrderNumberCounter")
    last = (Counter.objects.filter(pk=1).values_list("last_number", flat=True).first()) or FIRST_NUMBER - 1
    unnumbered = Order.objects.filter(number__isnull=True).order_by("created_at", "pk")
    while batch := list(unnumbered[:BATCH]):
        for order in batch:
            last += 1
            order.number = last
        Order.objects.bulk_update(batch, ["number"])
    Counter.objects.update_or_create(pk=1, defaults={"last_number": last})


class Migration(migrations.Migration):
    dependencies = [("orders", "0005_order_number_and_notifications")]

    # Going back drops the column and the counter in the previous migration; nothing to undo here.
    operations = [migrations.RunPython(number_orders, migrations.RunPython.noop)]
