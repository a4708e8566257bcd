"""Order numbers from a PostgreSQL sequence (orders/services/numbering.py), so checkouts do not queue on one row.

The sequence continues after the highest number handed out (the counter's, or the highest order's, else 1001).
It is not OWNED BY the column on purpose: `manage.py flush` resets owned sequences to 1, and numbers are never
reused. Other databases keep the counter row. Reversing puts the sequence's position (or the highest number, if higher) back into the counter.
"""

from django.db import migrations

SEQUENCE = "orders_order_number_seq"
FIRST_ORDER_NUMBER = 1001


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    counter = apps.get_model("orders", "OrderNumberCounter").objects.filter(pk=1).first()
    highest = apps.get_model("orders", "Order").objects.order_by("-number").values_list("number", flat=True).first()
    start = max(counter.last_number if counter else 0, highest or 0, FIRST_ORDER_NUMBER - 1) + 1
    schema_editor.execute(f"CREATE SEQUENCE {SEQUENCE} START WITH {int(start)} MINVALUE 1")


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT last_value, is_called FROM orders_order_number_seq")
        last_value, is_called = cursor.fetchone()
    taken = last_value if is_called else last_value - 1
    highest = apps.get_model("orders", "Order").objects.order_by("-number").values_list("number", flat=True).first()
    apps.get_model("orders", "OrderNumberCounter").objects.update_or_create(
        pk=1, defaults={"last_number": max(taken, highest or 0)}
    )
    schema_editor.execute(f"DROP SEQUENCE {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0014_webhook_failing_email"),
    ]

    operations = [migrations.RunPython(create_sequence, drop_sequence)]
