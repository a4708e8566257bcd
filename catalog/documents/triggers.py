"""Database triggers that raise `catalog_product.doc_version` on every write a product's representation shows.

Triggers rather than signals or service calls: stock claims, bulk updates, imports, migrations and raw SQL all
write without Django's signals, and a stored representation that outlived one of them would be served stale. In
the database no write path can forget.

Each dependency is a table and the products a row of it concerns, as WHERE clauses on `catalog_product` over the
row (`{row}` is NEW or OLD); an UPDATE bumps the products of the row before and after the change. A write to the
product row itself raises its own version (PostgreSQL: a BEFORE UPDATE trigger; SQLite: an AFTER UPDATE trigger
that updates the row once more). `install` is idempotent and runs from migrations; when this list changes, a new
migration calls it again.
"""

# ruff: noqa: S608  (the SQL is built from the constants below only; nothing of a request reaches it)

PRODUCT = "catalog_product"
_MEDIA_ROWS = "(SELECT id FROM media_library_media WHERE id = {row}.id OR duplicate_of_id = {row}.id)"
_CATEGORIES_OF_MEDIA = f"(SELECT id FROM catalog_category WHERE image_id IN {_MEDIA_ROWS})"

DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "catalog_product_categories": ("id = {row}.product_id",),
    "catalog_productimage": ("id = {row}.product_id",),
    "catalog_producttag": ("id = {row}.product_id",),
    "catalog_optiongroup": ("id = {row}.product_id",),
    "catalog_option": ("id IN (SELECT product_id FROM catalog_optiongroup WHERE id = {row}.group_id)",),
    "catalog_variant": ("id = {row}.product_id",),
    "catalog_digitallisting": ("id = {row}.product_id",),
    "catalog_version": ("id = {row}.product_id",),
    "catalog_brand": ("brand_id = {row}.id",),
    "catalog_seller": ("seller_id = {row}.id",),
    # A category shows in its products and, by its id, as the parent of its children in theirs.
    "catalog_category": (
        "id IN (SELECT product_id FROM catalog_product_categories WHERE category_id IN "
        "(SELECT id FROM catalog_category WHERE id = {row}.id OR parent_id = {row}.id))",
    ),
    # A media shows through the rows linking it, or linking a media that duplicates it (whose bytes it serves).
    # One statement per link, so each can use its foreign-key index.
    "media_library_media": (
        f"file_id IN {_MEDIA_ROWS}",
        f"id IN (SELECT product_id FROM catalog_productimage WHERE media_id IN {_MEDIA_ROWS})",
        f"id IN (SELECT product_id FROM catalog_variant WHERE image_id IN {_MEDIA_ROWS})",
        f"id IN (SELECT product_id FROM catalog_product_categories WHERE category_id IN {_CATEGORIES_OF_MEDIA})",
    ),
}


def _bumps(table: str, row: str) -> str:
    return "".join(
        f"UPDATE {PRODUCT} SET doc_version = doc_version + 1 WHERE {clause.format(row=row)};\n"
        for clause in DEPENDENCIES[table]
    )


def _trigger_name(table: str) -> str:
    return f"{table}_doc_bump"


def _postgresql(table: str) -> list[str]:
    function = _trigger_name(table)
    return [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN
{_bumps(table, "OLD")}END IF;
IF TG_OP <> 'DELETE' THEN
{_bumps(table, "NEW")}END IF;
RETURN NULL;
END $$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {function} ON {table}",
        f"CREATE TRIGGER {function} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def _sqlite(table: str) -> list[str]:
    rows = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}
    statements = []
    for event, names in rows.items():
        trigger = f"{_trigger_name(table)}_{event.lower()}"
        body = "".join(_bumps(table, name) for name in names)
        statements += [
            f"DROP TRIGGER IF EXISTS {trigger}",
            f"CREATE TRIGGER {trigger} AFTER {event} ON {table} FOR EACH ROW BEGIN\n{body}END",
        ]
    return statements


def _product_statements(vendor: str) -> list[str]:
    name = f"{PRODUCT}_doc_version"
    if vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
NEW.doc_version := OLD.doc_version + 1;
RETURN NEW;
END $$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {name} ON {PRODUCT}",
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {PRODUCT} FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    # SQLite cannot assign NEW; the nested UPDATE does not fire this trigger again (recursive triggers are off)
    # and a statement that raised the version itself (a dependency's trigger) is left alone.
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} AFTER UPDATE ON {PRODUCT} FOR EACH ROW WHEN NEW.doc_version = OLD.doc_version "
        f"BEGIN UPDATE {PRODUCT} SET doc_version = OLD.doc_version + 1 WHERE id = NEW.id; END",
    ]


def statements(vendor: str) -> list[str]:
    """Every statement that (re)creates the triggers on `vendor` ("postgresql" or "sqlite")."""
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"No document triggers for {vendor}.")
    build = _postgresql if vendor == "postgresql" else _sqlite
    return [*_product_statements(vendor), *(sql for table in DEPENDENCIES for sql in build(table))]


def install(apps, schema_editor) -> None:
    """Migration operation: create or replace every trigger."""
    with schema_editor.connection.cursor() as cursor:
        for sql in statements(schema_editor.connection.vendor):
            cursor.execute(sql)


def uninstall(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            for table in (PRODUCT, *DEPENDENCIES):
                name = f"{PRODUCT}_doc_version" if table == PRODUCT else _trigger_name(table)
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {PRODUCT}_doc_version")
            for table in DEPENDENCIES:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)}_{event}")
