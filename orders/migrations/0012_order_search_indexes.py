"""Indexes for the admin's order search on PostgreSQL: e-mail compared case-insensitively, customer name and
delivery city matched by their beginning (UPPER(...) LIKE 'ANA%' with text_pattern_ops), and line SKUs.

They match the expressions Django writes for `email__iexact`, `client__name__istartswith` and
`client__delivery__city__istartswith`. Built CONCURRENTLY (a big orders table keeps taking writes), hence not
atomic. SQLite has no such operator classes and small tables: nothing to do there.
"""

from django.db import migrations

INDEXES = {
    "orders_order_email_upper": 'orders_order (UPPER("email"::text))',
    "orders_order_name_prefix": "orders_order (UPPER((\"client\" ->> 'name')::text) text_pattern_ops)",
    "orders_order_city_prefix": "orders_order (UPPER((\"client\" #>> '{delivery,city}')::text) text_pattern_ops)",
    "orders_orderline_sku": 'orders_orderline ("sku")',
}


def create_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("orders", "0011_paypal_events_and_checkout_methods"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
