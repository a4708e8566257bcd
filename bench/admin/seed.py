"""Fill the admin benchmark database in PostgreSQL with INSERT … SELECT FROM generate_series (no Python per row).

Every column a model has gets a value: the seed names the ones that matter (keys, foreign keys, unique values,
amounts, dates) and the rest take the field's default, read from the model, so a field added later needs no
change here. Products come from the API bench's seed (bench/seed.py), which derives their shown text.
Each step is skipped when its table already holds the requested rows, so a second run only times.
"""

import time

from django.apps import apps
from django.db import connection

from bench.seed import seed_products
from shopplatform.ids import PublicIdField

RECENT = 43_200
RECENT_STATUSES = "'waiting_payment', 'processing', 'sent', 'delivered', 'canceled'"


def _default_literal(field):
    return field.get_db_prep_save(field.get_default(), connection)


def insert_series(label: str, count: int, values: dict[str, str]) -> None:
    """INSERT rows number `i` = (present rows + 1)..`count` of `label`; `values` maps field names to SQL
    expressions of `i`, so an interrupted seed resumes where it stopped."""
    model = apps.get_model(label)
    first = _rows(label) + 1
    table = connection.ops.quote_name(model._meta.db_table)
    columns, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.name not in values:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.name in values:
            expressions.append(values[field.name].replace("%", "%%"))  # modulo, not a placeholder
        elif isinstance(field, PublicIdField):
            expressions.append(f"'{field.prefix}_' || substr(md5('{label}' || i), 1, 22)")
        elif field.unique and field.null:
            expressions.append("NULL")
        elif field.unique:
            expressions.append(f"substr(md5('{label}:{field.name}' || i), 1, {min(field.max_length or 32, 32)})")
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expressions.append("now() - make_interval(mins => i::int)")
        else:
            expressions.append("%s")
            params.append(_default_literal(field))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} FROM generate_series({first}::bigint, {count}::bigint) AS i"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rows(label: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(apps.get_model(label)._meta.db_table)}")
        return cursor.fetchone()[0]


def _id_range(label: str) -> tuple[int, int]:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(apps.get_model(label)._meta.db_table)
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        return cursor.fetchone()


def _step(name: str, label: str, count: int, build, *, stdout) -> None:
    if _rows(label) >= count:
        stdout.write(f"  {name}: {count} present\n")
        return
    started = time.perf_counter()
    build()
    stdout.write(f"  {name}: {count} rows in {time.perf_counter() - started:.1f} s\n")


def seed(*, products: int, customers: int, orders: int, lines_per_order: int, ledger: int, stdout) -> None:
    """Seed the sizes asked for: products, customers (each with a wallet), orders with lines, ledger entries."""
    seed_products(products, stdout=stdout)
    low_product, high_product = _id_range("catalog.Product")
    span = high_product - low_product + 1
    _step(
        "customers",
        "accounts.Customer",
        customers,
        lambda: insert_series(
            "accounts.Customer",
            customers,
            {
                "email": "'customer' || i || '@example.com'",
                "name": "'Customer ' || i",
                "company": "CASE WHEN i % 7 = 0 THEN 'Company ' || (i % 1000) ELSE '' END",
            },
        ),
        stdout=stdout,
    )
    low_customer, _ = _id_range("accounts.Customer")
    _step(
        "wallets",
        "wallet.Wallet",
        customers,
        lambda: insert_series(
            "wallet.Wallet",
            customers,
            {"customer": f"{low_customer} - 1 + i", "currency": "'EUR'", "balance_cents": "(i % 500) * 100"},
        ),
        stdout=stdout,
    )
    low_wallet, _ = _id_range("wallet.Wallet")
    _step(
        "orders",
        "orders.Order",
        orders,
        lambda: insert_series(
            "orders.Order",
            orders,
            {
                "number": "100000 + i",
                "customer": f"{low_customer} + (i % {customers})",
                "email": f"'customer' || (1 + i % {customers}) || '@example.com'",
                "currency": "'EUR'",
                # One order a minute: the last 30 days (43,200) are in every state, older ones delivered or canceled.
                "status": f"CASE WHEN i <= {RECENT} THEN (ARRAY[{RECENT_STATUSES}])[1 + i % 5] "
                "WHEN i % 20 = 0 THEN 'canceled' ELSE 'delivered' END",
                "paid": f"CASE WHEN i <= {RECENT} THEN i % 5 <> 0 ELSE i % 20 <> 0 END",
                "total_cents": "1000 + (i * 37) % 50000",
                "subtotal_cents": "1000 + (i * 37) % 50000",
                "created_at": "now() - make_interval(mins => i::int)",
            },
        ),
        stdout=stdout,
    )
    low_order, _ = _id_range("orders.Order")
    lines = orders * lines_per_order
    _step(
        "order lines",
        "orders.OrderLine",
        lines,
        lambda: insert_series(
            "orders.OrderLine",
            lines,
            {
                "order": f"{low_order} + (i - 1) / {lines_per_order}",
                "product": f"{low_product} + (i * 7919) % {span}",
                "title": "'Line ' || i",
                "sku": f"'BENCH-' || ((i * 7919) % {span})",
                "unit_price_cents": "1000",
                "quantity": "1 + i % 3",
                "subtotal_cents": "1000 * (1 + i % 3)",
                "total_cents": "1000 * (1 + i % 3)",
            },
        ),
        stdout=stdout,
    )
    _step(
        "ledger entries",
        "wallet.LedgerEntry",
        ledger,
        lambda: insert_series(
            "wallet.LedgerEntry",
            ledger,
            {
                "wallet": f"{low_wallet} + (i % {customers})",
                "amount_cents": "CASE WHEN i % 3 = 0 THEN -500 ELSE 700 END",
                "type": "CASE WHEN i % 3 = 0 THEN 'debit' ELSE 'credit' END",
                "kind": "CASE WHEN i % 3 = 0 THEN 'purchase' ELSE 'adjustment' END",
                "order_reference": "CASE WHEN i % 3 = 0 THEN 'ord_' || substr(md5('ref' || i), 1, 22) ELSE '' END",
                "balance_after_cents": "(i % 900) * 100",
            },
        ),
        stdout=stdout,
    )
    with connection.cursor() as cursor:  # planner statistics, as autovacuum would keep them in a live shop
        cursor.execute("ANALYZE")
