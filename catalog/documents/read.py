"""Serve products' stored representations to anonymous callers, rendering and storing the ones missing or stale.

Only the anonymous view is stored: it depends on nothing of the caller. Staff and wholesale viewers, who see
more, take the ORM path (catalog.queries.products_for), correct first. A stored body is used only when its
`version` is the product's current `doc_version` and its `context` the current one: the store's money terms, the
site URL its links start with, and the representation code itself (a fingerprint of its source files, so a
deploy that changes the output never serves bodies written by the old code).
"""

from functools import cache
from hashlib import sha256
from pathlib import Path

import orjson
from django.conf import settings
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from shopplatform.api.renderers import FastJSONRenderer
from shopplatform.prepared import PreparedQuery, Slots

from ..filters import filter_products
from ..models import Product, ProductDocument
from ..queries import Viewer, products_for, visible_products
from ..representations.products import ProductOutput
from . import marks

ANONYMOUS = Viewer()
_renderer = FastJSONRenderer()


ROOT = Path(__file__).resolve().parent.parent.parent
# The code a stored body was written by: the catalog's representations and what they call to format values.
RENDERING_CODE = (
    "catalog/representations/*.py",
    "catalog/models/products.py",
    "catalog/availability.py",
    "catalog/videos.py",
    "media_library/renditions.py",
    "shopplatform/money.py",
    "shopplatform/api/fields.py",
    "shopplatform/api/serializers.py",
)


@cache
def fingerprint(*patterns: str) -> str:
    """A hash of the files matching `patterns` (relative to the project root): the code something was made by."""
    digest = sha256()
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def code_fingerprint() -> str:
    """A hash of RENDERING_CODE's files."""
    return fingerprint(*RENDERING_CODE)


def context_key(context: dict) -> str:
    """What a stored body depends on besides its product (see the module's docstring)."""
    terms = (
        code_fingerprint(),
        context["currency"],
        context["locale"],
        context["taxes_included"],
        context["links"].base,
        settings.MEDIA_PUBLIC_URL_BASE,
        settings.MEDIA_URL,
        settings.STATIC_URL,
    )
    return sha256(repr(terms).encode()).hexdigest()[:32]


def serves(context: dict) -> bool:
    """True when stored bodies answer this response: its viewer is anonymous and PRODUCT_DOCUMENTS is on."""
    return settings.PRODUCT_DOCUMENTS and context["viewer"] == ANONYMOUS


def page(products: QuerySet[Product]) -> QuerySet[Product]:
    """The page's products as keys only, in the (filtered, ordered) query's order.

    Selecting the key alone lets PostgreSQL answer from an ordering index without reading the table
    (`product_public_*`, partial on the anonymous visibility rule): OFFSET then skips index entries, not rows. A
    deep page of 25 at offset 7,500 took 1 ms this way and 125 ms reading three columns. The bodies and their
    versions are read by key afterwards.
    """
    return products.only("pk")


STORED = PreparedQuery(
    lambda slots: ProductDocument.objects.filter(
        product_id__in=slots.numbers("wanted"), context=slots.text("key"), version=F("product__doc_version")
    ).values_list("product_id", "body")
)


def bodies(
    products: list[Product | int], context: dict, *, found: dict[int, str] | None = None
) -> list[orjson.Fragment]:
    """The stored representations of `products` (rows of `page`, or keys of a `PlainPage`), in their order, rendered
    and stored where missing or stale. A product deleted since the page was read is left out. `found`: the current
    bodies already read with the keys (`PlainPage.found`); only the others are looked up.

    A body is current when its version is the product's `doc_version` read in the same statement (and its context
    the current one), so a write committed since the page was read is never served from an old body.
    """
    key = context_key(context)
    wanted = [product if isinstance(product, int) else product.pk for product in products]
    if found is None:
        found = dict(STORED.rows(wanted=wanted, key=key)) if wanted else {}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        found.update(render(missing, context, key))
    return [orjson.Fragment(found[pk]) for pk in wanted if pk in found]


def _detail_query(slots: Slots) -> QuerySet:
    """The anonymous product whose id or slug is the `ref` slot, with its body stored for the `key` context."""
    ref = slots.text("ref")
    current = ProductDocument.objects.filter(
        product=OuterRef("pk"), context=slots.text("key"), version=OuterRef("doc_version")
    )
    return (
        visible_products(ANONYMOUS)
        .filter(Q(public_id=ref) | Q(slug=ref))
        .annotate(stored=Subquery(current.values("body")[:1]))
        .values_list("pk", "public_id", "stored")[:2]
    )


DETAIL = PreparedQuery(_detail_query)


def detail(ref: str, context: dict) -> orjson.Fragment | None:
    """The stored representation of the anonymous product whose id or slug is `ref` (an id wins over a slug), read
    with the product in one query; rendered and stored when missing or stale. None: no such product."""
    key = context_key(context)
    matches = DETAIL.rows(ref=ref, key=key)
    match = next((row for row in matches if row[1] == ref), matches[0] if matches else None)
    if match is None:
        return None
    pk, _, stored = match
    if stored is None:
        stored = render([pk], context, key).get(pk)
    return orjson.Fragment(stored) if stored is not None else None


class PlainPage:
    """The anonymous product list in one offered ordering, without filters, as pagination reads it: `count()`, the
    `count_key` its count is shared under, and slices of keys. The keys come from SQL compiled once per ordering
    (shopplatform.prepared), the same query the ORM path builds per request; a slice also reads the page's current
    bodies stored under the context `key` in the same statement, into `found` (`bodies`)."""

    count_key = "list-count:anonymous-products"

    def __init__(self, ordering: str | None, key: str) -> None:
        self.ordering = ordering
        self.key = key
        self.found: dict[int, str] | None = None

    def count(self) -> int:
        return visible_products(ANONYMOUS).count()

    def __getitem__(self, window: slice) -> list[int]:
        keys, order = _page_with_bodies(self.ordering)
        text, params = keys.sql()
        rows = None
        if window.start >= marks.STRIDE and not params and marks.kept():
            ordering = _marked(self.ordering)
            rows = marks.page_from_mark(ordering, window, BODY, self.key, reach(window.stop))
        if rows is None:
            statement = WITH_BODIES.format(
                keys=text,
                reach=reach(window.stop),
                reach_order=order.replace('"page".', '"reach".'),
                limit=int(window.stop - window.start),
                order=order,
            )
            with connection.cursor() as cursor:
                cursor.execute(statement, [self.key, *params, window.start])
                rows = cursor.fetchall()
        self.found = {pk: body for pk, body in rows if body is not None}
        return [pk for pk, _ in rows]


def _plain(ordering: str | None) -> QuerySet[Product]:
    return filter_products(visible_products(ANONYMOUS), {"ordering": ordering} if ordering else {})


# A page of keys with each one's current stored body, in one statement. The keys' query reads its sort columns and
# the product's doc_version too (all in its index: still an index-only scan), so the outer query orders the page by
# them again instead of relying on a subquery's row order, and a body is current when its version is the one read
# with its key (no second look-up of the product); the bodies are read for the page's rows only.
#
# The page's size and its reach (`reach`: the first rows of the ordering that hold the page) are written in, not
# bound, so that PostgreSQL keeps one plan per statement instead of planning every run
# (shopplatform.prepared._constants_inlined). A bound OFFSET is guessed to skip a tenth of the rows below it: over
# the whole catalog, that guess made a kept plan look dearer than planning each early page once the catalog held
# 100,000 products, and every page was planned again (0.5-0.8 ms). Cut from a reach, the guess is a tenth of the
# reach, and the pages that reach serves end past its half.
BODY = (  # the current stored body of the page's row, under the context bound first
    '(SELECT "stored"."body" FROM "catalog_productdocument" AS "stored" '
    'WHERE "stored"."product_id" = "page"."pk" AND "stored"."context" = %s '
    'AND "stored"."version" = "page"."doc_version")'
)
WITH_BODIES = (
    'SELECT "page"."pk", ' + BODY + " "  # noqa: S608  (constants only)
    'FROM (SELECT * FROM ({keys} LIMIT {reach}) AS "reach" ORDER BY {reach_order} LIMIT {limit} OFFSET %s) AS "page" '
    "ORDER BY {order}"
)
SMALLEST_REACH = 32


def reach(stop: int) -> int:
    """The rows a page ending at row `stop` is cut from: the next power of two, so a catalog of n products pages
    through log2(n) statements, and each serves offsets of at least half its reach."""
    return max(SMALLEST_REACH, 1 << (max(int(stop), 1) - 1).bit_length())


def _terms(ordering: str | None) -> list[str]:
    """The ordering's terms as the query orders by them (`-price_cents`, `-pk`), the model's default without one."""
    return [str(term) for term in _plain(ordering).query.order_by] or list(Product._meta.ordering)


@cache
def _page_with_bodies(ordering: str | None) -> tuple[PreparedQuery, str]:
    """The page's keys with its sort columns (compiled once), and the ORDER BY of the outer query over them."""
    terms = _terms(ordering)
    columns = [term.lstrip("-") for term in terms if term.lstrip("-") != "pk"]
    order = ", ".join(f'"page"."{term.lstrip("-")}"{" DESC" if term.startswith("-") else ""}' for term in terms)
    return PreparedQuery(lambda slots: _plain(ordering).values_list("pk", *columns, "doc_version")), order


@cache
def _marked(ordering: str | None) -> marks.Ordering:
    """The ordering's keys and terms, as catalog.documents.marks reads pages from its marks."""
    keys, _ = _page_with_bodies(ordering)
    terms = tuple((term.lstrip("-"), term.startswith("-")) for term in _terms(ordering))
    return marks.Ordering(name=ordering, keys=keys.sql()[0], terms=terms)


def render(pks: list[int], context: dict, key: str) -> dict[int, str]:
    """Render the anonymous representation of the products `pks` and store it; return the bodies by pk.

    Each body is stored with the `doc_version` read in the same statement as the product's row, so a write that
    commits while it renders leaves it stale (and unused) rather than wrong.
    """
    serializer = ProductOutput(context=context)
    rendered = {
        product.pk: (product.doc_version, _renderer.render(serializer.to_representation(product)).decode())
        for product in products_for(ANONYMOUS).filter(pk__in=pks)
    }
    ProductDocument.objects.bulk_create(
        [
            ProductDocument(product_id=pk, version=version, context=key, body=body)
            for pk, (version, body) in rendered.items()
        ],
        update_conflicts=True,
        unique_fields=["product"],
        update_fields=["version", "context", "body"],
    )
    return {pk: body for pk, (_, body) in rendered.items()}
