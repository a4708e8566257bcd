"""Marks into the anonymous product list's orderings: a deep page starts from the row before it, not from the top.

A page of the plain anonymous list (catalog.documents.read.PlainPage) at offset 10,000 had PostgreSQL walk 10,000
entries of an ordering index to skip them: about 1 ms, where the first page takes 0.15, and most of a list
request's database time when pages are asked for anywhere in the catalog. A process keeps, per ordering, the sort keys of every
`STRIDE`-th row (its marks); a page then reads the rows from the mark at or before its offset onwards, through the
same index, and skips fewer than `STRIDE` of them.

Marks are exact, never a guess. They are read with the listing's epoch in one statement (one snapshot), and a
page read through them returns the epoch of its own snapshot: a page whose epoch is not its marks' is read again
the plain way and the marks are made again. The epoch is the sum and the highest id of `catalog_listingchange`,
where triggers add a row in the transaction of every write that adds or removes a product or changes its
visibility or a sort key (`WATCHED`), so it changes, under MVCC, exactly when what the list shows or its order
does. Stock claims, sales counters and `doc_version` bumps write none of those columns and add no row. A row is
only inserted, never updated: writers never wait on each other for it. Making marks folds the rows into one when
there are more than `FOLD_OVER`, their sum kept (the new row's id changes the epoch: marks made before are made
again once).

PostgreSQL only (`kept`): SQLite, the embedded default, pages the plain way.
"""

# ruff: noqa: S608  (the SQL is built from the constants below and compiled querysets; values are parameters)

import time
from dataclasses import dataclass

from django.db import connection
from psycopg.types.numeric import Int8

STRIDE = 256  # rows between marks: a page skips fewer than this many index entries
FOLD_OVER = 32  # change rows kept before making marks folds them into one
# Marks found stale are made again at most this often per ordering and process; in between, deep pages are read
# the plain way. While writes follow each other closely, marks made for each would cost more than they save.
REMAKE_SECONDS = 1.0
LOG = "catalog_listingchange"
PRODUCT = "catalog_product"
WATCHED = ("position", "created_at", "updated_at", "price_cents", "title", "status", "wholesale_only")
EPOCH = f'(SELECT ARRAY[COALESCE(SUM("changes"), 0), COALESCE(MAX("id"), 0)] FROM "{LOG}")'

_FUNCTION = f"""CREATE OR REPLACE FUNCTION catalog_listing_changed() RETURNS trigger AS $$
BEGIN
INSERT INTO {LOG} (changes) VALUES (1);
RETURN NULL;
END $$ LANGUAGE plpgsql"""
_CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in WATCHED)
_TRIGGERS = (
    ("catalog_listing_rows", f"AFTER INSERT OR DELETE OR TRUNCATE ON {PRODUCT} FOR EACH STATEMENT"),
    ("catalog_listing_keys", f"AFTER UPDATE ON {PRODUCT} FOR EACH ROW WHEN ({_CHANGED})"),
)
FOLD = (
    f'WITH "gone" AS (DELETE FROM "{LOG}" RETURNING "changes") '
    f'INSERT INTO "{LOG}" ("changes") SELECT SUM("changes") FROM "gone" HAVING COUNT(*) > 0'
)


def kept(using=None) -> bool:
    """Whether the database keeps the listing's epoch (the triggers above)."""
    return (using or connection).vendor == "postgresql"


def install(apps, schema_editor) -> None:
    """Migration operation: create or replace the function and the triggers (PostgreSQL; nothing elsewhere)."""
    if kept(schema_editor.connection):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(_FUNCTION)
            for name, when in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {PRODUCT}")
                cursor.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION catalog_listing_changed()")


def uninstall(apps, schema_editor) -> None:
    if kept(schema_editor.connection):
        with schema_editor.connection.cursor() as cursor:
            for name, _ in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {PRODUCT}")
            cursor.execute("DROP FUNCTION IF EXISTS catalog_listing_changed()")


def typed(value):
    """`value` as a parameter of one type whatever its size: psycopg sends a small int as int2 and a larger one as
    int4 or int8, and keeps a prepared statement (and PostgreSQL a plan) per combination of types."""
    return Int8(value) if isinstance(value, int) and not isinstance(value, bool) else value


@dataclass(frozen=True)
class Ordering:
    """One ordering of the plain list: its keys' SQL (a compiled `values_list("pk", *columns, "doc_version")`, its
    WHERE the visibility rule with its values written in, its ORDER BY last), and its terms as (column alias,
    descending), the key's alias `pk` last."""

    name: str | None  # as asked for (`-price`), None for the default; the process keeps its marks under it
    keys: str
    terms: tuple[tuple[str, bool], ...]

    @property
    def selected(self) -> str:
        return self.keys.rpartition(" ORDER BY ")[0]

    def order(self, alias: str | None = None) -> str:
        """The ORDER BY terms over `alias`'s columns (the select's own output columns without one)."""
        prefix = f'"{alias}".' if alias else ""
        return ", ".join(f'{prefix}"{name}"{" DESC" if descending else ""}' for name, descending in self.terms)

    def from_mark(self, mark: tuple, reading: int) -> tuple[str, list]:
        """The first `reading` rows at or after `mark` (the values of `terms`) as a subquery, each of its arms an
        index range read in the index's order.

        The terms are cut where their direction changes (`position` orders by position, then newest first): the
        rows equal to the mark on the groups before one and past it on that group's columns, as a row comparison
        PostgreSQL reads as one index range, the last group's including the mark's own row. Most orderings are one
        group: one range. Several are arms of a UNION ALL, each limited to `reading` rows and ordered again outside
        (PostgreSQL does not merge such arms in order)."""
        groups: list[list[int]] = []
        for index, (_, descending) in enumerate(self.terms):
            if groups and self.terms[groups[-1][0]][1] == descending:
                groups[-1].append(index)
            else:
                groups.append([index])
        arms, arm_params = [], []
        for number, group in enumerate(groups):
            before = [index for earlier in groups[:number] for index in earlier]
            past = ("<" if self.terms[group[0]][1] else ">") + ("=" if number == len(groups) - 1 else "")
            columns = ", ".join(self._column(self.terms[index][0]) for index in group)
            marked = ", ".join("%s" for _ in group)
            equal = [f"{self._column(self.terms[index][0])} = %s" for index in before]
            arms.append(f"{self.selected} AND " + " AND ".join([*equal, f"ROW({columns}) {past} ROW({marked})"]))
            arm_params.append([typed(mark[index]) for index in (*before, *group)])
        limited = " UNION ALL ".join(f"({arm} ORDER BY {self.order()} LIMIT {int(reading)})" for arm in arms)
        return f"({limited})", [value for values in arm_params for value in values]

    def _column(self, name: str) -> str:
        return f'"{PRODUCT}"."{"id" if name == "pk" else name}"'


@dataclass(frozen=True)
class Marks:
    epoch: tuple[int, ...]
    reach: int  # the marks cover the first `reach` rows (fewer when the list is shorter)
    keys: tuple[tuple, ...]  # the terms' values of rows 0, STRIDE, 2 * STRIDE, …


_held: dict[str | None, Marks] = {}
_stale_at: dict[str | None, float] = {}


def forget() -> None:
    """Drop the process's marks."""
    _held.clear()
    _stale_at.clear()


def marks_for(ordering: Ordering, reach: int) -> Marks:
    """The process's marks of `ordering` covering at least `reach` rows, made when missing, too short or stale
    (`stale` drops them)."""
    held = _held.get(ordering.name)
    if held is not None and held.reach >= reach:
        return held
    values = ", ".join(f'"ranked"."{term}"' for term, _ in ordering.terms)
    statement = (
        f'SELECT {EPOCH}, {values} FROM (SELECT "keys".*, ROW_NUMBER() OVER (ORDER BY {ordering.order("keys")}) '
        f'AS "n" FROM ({ordering.keys} LIMIT {int(reach)}) AS "keys") AS "ranked" '
        f'WHERE ("ranked"."n" - 1) % {STRIDE} = 0 ORDER BY "ranked"."n"'
    )
    with connection.cursor() as cursor:
        if not connection.in_atomic_block:  # a fold of its own, never inside a caller's transaction
            cursor.execute(f'SELECT COUNT(*) > {FOLD_OVER} FROM "{LOG}"')
            if cursor.fetchone()[0]:
                cursor.execute(FOLD)
        cursor.execute(statement)
        rows = cursor.fetchall()
    made = Marks(epoch=tuple(rows[0][0]) if rows else (), reach=reach, keys=tuple(tuple(row[1:]) for row in rows))
    if rows:  # an empty list keeps no marks: a product added later must find none
        _held[ordering.name] = made
    return made


def stale(name: str | None) -> None:
    _held.pop(name, None)
    _stale_at[name] = time.monotonic()


def page_from_mark(ordering: Ordering, window: slice, body_sql: str, key: str, reach: int):
    """The rows (pk, body) of `window`, read from the mark at or before its start, or None when the marks turned
    out stale (the caller reads the page the plain way) or do not reach it, and while marks found stale wait to be
    made again (REMAKE_SECONDS)."""
    name = ordering.name
    if name not in _held and name in _stale_at and time.monotonic() - _stale_at[name] < REMAKE_SECONDS:
        return None
    marks = marks_for(ordering, reach)
    index = window.start // STRIDE
    if index >= len(marks.keys):
        return None
    skipped = window.start - index * STRIDE
    limit = int(window.stop - window.start)
    seek, params = ordering.from_mark(marks.keys[index], STRIDE + limit)
    statement = (
        f'SELECT "page"."pk", {body_sql}, {EPOCH} FROM (SELECT * FROM {seek} AS "seek" '
        f'ORDER BY {ordering.order("seek")} LIMIT {limit} OFFSET %s) AS "page" ORDER BY {ordering.order("page")}'
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [key, *params, typed(skipped)])
        rows = cursor.fetchall()
    if not rows:  # past the end, or stale marks: the plain way tells
        return None
    if tuple(rows[0][2]) != marks.epoch:
        stale(name)
        return None
    return [(pk, body) for pk, body, _ in rows]
