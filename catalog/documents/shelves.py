"""Database triggers that keep each category's shelf (catalog.ShelfEntry): the public products of the category and of
its subcategories, with their sort keys, written in the transaction of the write that changes them.

PostgreSQL only: SQLite allows no recursive query in a trigger. There (the embedded default: one process, small
catalogs) a category page reads the category links instead (catalog.category_pages.CategoryKeys), and the table stays empty.

What changes a shelf, and what the triggers do:
- a product's sort keys or brand, or whether the public sees it (status, wholesale_only): its entries are updated, or made
  again when it comes or goes;
- a product's category links, inserted, deleted or changed: its entries are made again;
- a category moved in the tree (its parent changed): the entries of every product under it are made again;
- a product or a category deleted: its entries go.

Two writers making one product's entries again at once cannot both insert: each first locks the product's row (the
document triggers of the same statement already hold it, catalog.documents.triggers), so the second one waits and
then reads what the first committed. `install` is idempotent and runs from migrations; when this changes, a new
migration calls it again.
"""

# ruff: noqa: S608  (the SQL is built from the constants below only; nothing of a request reaches it)

from ..models import PUBLIC_STATUSES

SHELF = "catalog_shelfentry"
LINKS = "catalog_product_categories"
KEYS = ("position", "created_at", "price_cents", "title", "brand_id")  # copied from the product
_PUBLIC = "{row}.status IN ({statuses}) AND NOT {row}.wholesale_only".replace(
    "{statuses}", ", ".join(f"'{status.value}'" for status in PUBLIC_STATUSES)
)

_RESTOCK = f"""CREATE OR REPLACE FUNCTION catalog_shelf_restock(products bigint[]) RETURNS void AS $$
BEGIN
PERFORM 1 FROM catalog_product WHERE id = ANY(products) ORDER BY id FOR NO KEY UPDATE;
DELETE FROM {SHELF} WHERE product_id = ANY(products);
INSERT INTO {SHELF} (category_id, product_id, {", ".join(KEYS)})
WITH RECURSIVE held(product_id, category_id) AS (
    SELECT product_id, category_id FROM {LINKS} WHERE product_id = ANY(products)
  UNION
    SELECT held.product_id, category.parent_id FROM held
    JOIN catalog_category AS category ON category.id = held.category_id WHERE category.parent_id IS NOT NULL
)
SELECT held.category_id, product.id, {", ".join(f"product.{key}" for key in KEYS)}
FROM held JOIN catalog_product AS product ON product.id = held.product_id
WHERE {_PUBLIC.format(row="product")};
END $$ LANGUAGE plpgsql"""

_CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in (*KEYS, "status", "wholesale_only"))

_PRODUCT = f"""CREATE OR REPLACE FUNCTION catalog_shelf_product() RETURNS trigger AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
    DELETE FROM {SHELF} WHERE product_id = OLD.id;
ELSIF ({_PUBLIC.format(row="OLD")}) AND ({_PUBLIC.format(row="NEW")}) THEN
    UPDATE {SHELF} SET {", ".join(f"{key} = NEW.{key}" for key in KEYS)} WHERE product_id = NEW.id;
ELSE
    PERFORM catalog_shelf_restock(ARRAY[NEW.id]);
END IF;
RETURN NULL;
END $$ LANGUAGE plpgsql"""

_LINKS = """CREATE OR REPLACE FUNCTION catalog_shelf_links() RETURNS trigger AS $$
BEGIN
IF TG_OP = 'INSERT' THEN
    PERFORM catalog_shelf_restock(ARRAY(SELECT DISTINCT product_id FROM after_rows));
ELSIF TG_OP = 'DELETE' THEN
    PERFORM catalog_shelf_restock(ARRAY(SELECT DISTINCT product_id FROM before_rows));
ELSE
    PERFORM catalog_shelf_restock(ARRAY(SELECT product_id FROM before_rows UNION SELECT product_id FROM after_rows));
END IF;
RETURN NULL;
END $$ LANGUAGE plpgsql"""

_CATEGORY = f"""CREATE OR REPLACE FUNCTION catalog_shelf_category() RETURNS trigger AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
    DELETE FROM {SHELF} WHERE category_id = OLD.id;
ELSE
    PERFORM catalog_shelf_restock(ARRAY(
        WITH RECURSIVE below(id) AS (
            SELECT NEW.id UNION SELECT category.id FROM catalog_category AS category JOIN below ON category.parent_id = below.id
        )
        SELECT DISTINCT product_id FROM {LINKS} WHERE category_id IN (SELECT id FROM below)
    ));
END IF;
RETURN NULL;
END $$ LANGUAGE plpgsql"""

# (trigger, table, when it fires, function); a statement trigger with transition tables takes one event only.
_TRIGGERS = (
    (
        "catalog_product_shelf",
        "catalog_product",
        f"AFTER UPDATE OF {', '.join(KEYS)}, status, wholesale_only ON catalog_product FOR EACH ROW WHEN ({_CHANGED})",
        "catalog_shelf_product",
    ),
    (
        "catalog_product_shelf_gone",
        "catalog_product",
        "AFTER DELETE ON catalog_product FOR EACH ROW",
        "catalog_shelf_product",
    ),
    (
        "catalog_links_shelf_insert",
        LINKS,
        f"AFTER INSERT ON {LINKS} REFERENCING NEW TABLE AS after_rows FOR EACH STATEMENT",
        "catalog_shelf_links",
    ),
    (
        "catalog_links_shelf_delete",
        LINKS,
        f"AFTER DELETE ON {LINKS} REFERENCING OLD TABLE AS before_rows FOR EACH STATEMENT",
        "catalog_shelf_links",
    ),
    (
        "catalog_links_shelf_update",
        LINKS,
        f"AFTER UPDATE ON {LINKS} REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT",
        "catalog_shelf_links",
    ),
    (
        "catalog_category_shelf_move",
        "catalog_category",
        "AFTER UPDATE OF parent_id ON catalog_category FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)",
        "catalog_shelf_category",
    ),
    (
        "catalog_category_shelf_gone",
        "catalog_category",
        "AFTER DELETE ON catalog_category FOR EACH ROW",
        "catalog_shelf_category",
    ),
)
_FUNCTIONS = (
    "catalog_shelf_restock(bigint[])",
    "catalog_shelf_product()",
    "catalog_shelf_links()",
    "catalog_shelf_category()",
)


def statements() -> list[str]:
    """Every statement that (re)creates the functions and triggers, then fills every shelf from what is stored."""
    triggers = [
        sql
        for name, table, event, function in _TRIGGERS
        for sql in (
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} {event} EXECUTE FUNCTION {function}()",
        )
    ]
    return [
        _RESTOCK,
        _PRODUCT,
        _LINKS,
        _CATEGORY,
        *triggers,
        "SELECT catalog_shelf_restock(ARRAY(SELECT id FROM catalog_product))",
    ]


def kept(connection) -> bool:
    """Whether the database behind `connection` keeps the shelves."""
    return connection.vendor == "postgresql"


def install(apps, schema_editor) -> None:
    """Migration operation: create or replace the triggers and fill the shelves (PostgreSQL; nothing elsewhere)."""
    if kept(schema_editor.connection):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements():
                cursor.execute(sql)


def uninstall(apps, schema_editor) -> None:
    if kept(schema_editor.connection):
        with schema_editor.connection.cursor() as cursor:
            for name, table, _, _ in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            for function in _FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
