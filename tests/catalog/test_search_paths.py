"""/search's fast path (catalog.search.search_all): who sees which hits, how they are rendered, and the whole-text
arms it skips when title matches fill the page. On SQLite and PostgreSQL unless
marked."""

import re

import orjson
import psycopg
import pytest
from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers

from catalog import search_sql
from catalog.models import Product, ProductDocument, ProductTag
from catalog.prerender import refresh_documents
from catalog.queries import Viewer
from catalog.representations.context import product_context
from catalog.representations.products import ProductSummaryOutput
from catalog.search import SEARCH_VECTOR, SearchPlan, SearchWord, product_summaries, search_all
from tests.accounts.factories import CustomerFactory

from .factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

# How the product hits' statements start (ORM and SQL alike; a search of one word kept as typed: its top first).
PRODUCT_STATEMENT = ('SELECT "catalog_product"."id"', 'WITH "top"')


@pytest.fixture
def stored(settings, store_settings):
    """Stored representations made by the beat task serve API requests when both build links on the same base."""
    settings.SITE_URL = "https://shop.example"


@pytest.fixture
def posters():
    return {
        "public": ProductFactory(title="Public poster"),
        "wholesale": ProductFactory(title="Wholesale poster", wholesale_only=True),
        "hidden": ProductFactory(title="Hidden poster", status="hidden"),
    }


def _hit_titles(client, text: str, **params) -> list[str]:
    response = client.get("/api/v1/search", {"q": text, **params})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["products"]]


def test_anonymous_search_finds_only_publicly_listed_products(anonymous_client, posters):
    assert _hit_titles(anonymous_client, "poster") == ["Public poster"]


def test_wholesale_customer_search_also_finds_wholesale_only_products(customer_client, customer_user, posters):
    CustomerFactory(user=customer_user, email=customer_user.email, wholesale=True)

    assert _hit_titles(customer_client, "poster") == ["Public poster", "Wholesale poster"]


def test_staff_search_finds_hidden_products_too(staff_client, posters):
    assert _hit_titles(staff_client, "poster") == ["Public poster", "Wholesale poster", "Hidden poster"]


def test_excerpt_matches_fill_a_page_title_matches_leave_short(anonymous_client):
    ProductFactory(title="Frame", excerpt="fits a poster")
    ProductFactory(title="Poster print")

    assert _hit_titles(anonymous_client, "poster", limit=2) == ["Poster print", "Frame"]
    assert _hit_titles(anonymous_client, "poster", limit=1) == ["Poster print"]


@pytest.mark.postgres
def test_whole_text_arms_are_skipped_when_title_matches_fill_the_page(anonymous_client):
    for number in range(3):
        ProductFactory(title=f"Poster {number}")
    ProductFactory(title="Frame", excerpt="fits a poster")

    with CaptureQueriesContext(connection) as queries:
        titles = _hit_titles(anonymous_client, "poster", limit=2)

    assert titles == ["Poster 0", "Poster 1"]
    assert len([query for query in queries if query["sql"].startswith(PRODUCT_STATEMENT)]) == 1


@pytest.mark.postgres
def test_whole_words_rank_above_parts_of_words_and_a_full_page_of_them_is_one_statement(anonymous_client):
    for name in ("Posterboard A", "Posterboard B", "Poster C", "Poster D"):  # the parts have the smaller ids
        ProductFactory(title=name)

    with CaptureQueriesContext(connection) as queries:
        page = _hit_titles(anonymous_client, "poster", limit=2)

    assert page == ["Poster C", "Poster D"]
    (statement,) = [query["sql"] for query in queries if query["sql"].startswith(PRODUCT_STATEMENT)]
    assert f'FROM "catalog_product" WHERE {search_sql.TITLE_WORDS} @@' in statement  # the titles' words index
    assert _hit_titles(anonymous_client, "poster", limit=4) == [
        "Poster C",
        "Poster D",
        "Posterboard A",
        "Posterboard B",
    ]


@pytest.mark.postgres
@pytest.mark.parametrize("limit", [2, 6])
def test_a_short_page_of_whole_words_reads_every_other_candidate_in_one_statement(anonymous_client, limit):
    """Titles holding the word as a part of a longer one, full-text matches and titles only near the text are ranked
    together in the statement after the whole words', without repeating a row."""
    for name in ("Lomitas A", "Lomitas B", "Lomitas C"):  # the word as a part of a longer one: score 1 + similarity
        ProductFactory(title=name)
    ProductFactory(title="Frame", excerpt="fits a lomi")  # the full text matches: 0 + 1 + rank
    ProductFactory(title="Lomi")  # a whole word: found by the first statement

    with CaptureQueriesContext(connection) as queries:
        page = _hit_titles(anonymous_client, "lomi", limit=limit)

    assert page == ["Lomi", "Lomitas A", "Lomitas B", "Lomitas C", "Frame"][:limit]
    whole_words, rest = [query["sql"] for query in queries if query["sql"].startswith(PRODUCT_STATEMENT)]
    assert "%>" not in whole_words
    assert "@@" in rest and "%>" in rest and rest.count("UNION ALL") == 3


def _similar_titles_read(client, text: str, limit: int) -> tuple[list[str], bool]:
    """The page a search for `text` answers, and whether any of its statements read titles near the text (the
    trigram arm: EXPLAIN ANALYZE of each statement it sent, with its values)."""
    sent = []

    def keep(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        page = _hit_titles(client, text, limit=limit)
    read = False
    with psycopg.ClientCursor(connection.connection) as cursor:
        for sql, params in [(sql, params) for sql, params in sent if sql.startswith(PRODUCT_STATEMENT)]:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
            lines = [row[0] for row in cursor.fetchall()]
            for at in [at for at, line in enumerate(lines) if "%>" in line]:
                node = next(line for line in reversed(lines[: at + 1]) if "->" in line or at == 0)
                read = read or "never executed" not in node
    return page, read


@pytest.mark.postgres
@pytest.mark.parametrize(("limit", "read"), [(2, False), (4, False), (5, True), (6, True)])
def test_titles_only_near_the_text_are_read_only_when_one_could_reach_the_page(anonymous_client, limit, read):
    """A title only near the text scores at most n with n words, and one holding every word above n: when `limit`
    visible titles hold the words, the near ones cannot reach the page, and their trigram scan is not run."""
    for name in ("Lomitas A", "Lomitas B", "Lomitas C", "Lomi"):  # hold the word: 4 of them
        ProductFactory(title=name)
    ProductFactory(title="Lomitas hidden", status="hidden")  # not visible: does not fill the page
    ProductFactory(title="Lomu")  # near the word only

    page, similar_read = _similar_titles_read(anonymous_client, "lomi", limit)

    assert page == ["Lomi", "Lomitas A", "Lomitas B", "Lomitas C", "Lomu"][:limit]
    listed = anonymous_client.get("/api/v1/products", {"q": "lomi", "limit": limit}).json()
    assert page == [item["title"] for item in listed["data"]]
    assert similar_read is read


@pytest.mark.postgres
@pytest.mark.parametrize("limit", [3, 10, 12, 13, 17, 20])
def test_one_word_s_best_matches_are_found_in_id_order_and_rank_as_the_list_filter(anonymous_client, limit):
    """Titles holding the word whole score highest, the lowest ids first; titles holding it as a part of a longer
    word (with the word whole in their excerpt) come after them, ranked. The first are read in id order until the
    page is full, in the one statement that ranks the others when it is not."""
    for number in range(5):  # the smaller ids: parts of a longer word, whole only in the excerpt
        ProductFactory(title=f"Lomitas {number}", excerpt="a lomi inside")
    for number in range(12):
        ProductFactory(title=f"Lomi {number}")
    ProductFactory(title="Frame", excerpt="fits a lomi")

    with CaptureQueriesContext(connection) as queries:
        page = _hit_titles(anonymous_client, "lomi", limit=limit)
    statements = [query["sql"] for query in queries if query["sql"].startswith(PRODUCT_STATEMENT)]

    listed = anonymous_client.get("/api/v1/products", {"q": "lomi", "limit": limit}).json()
    assert page == [item["title"] for item in listed["data"]]
    assert page[: min(limit, 12)] == [f"Lomi {number}" for number in range(min(limit, 12))]
    assert statements[0].startswith('WITH "top"')
    # 12 titles hold the word whole (the excerpts' whole words do not count): a page past them reads the rest.
    assert len(statements) == (1 if limit <= 12 else 2)


@pytest.mark.postgres
def test_the_fast_path_and_the_list_filter_rank_alike(anonymous_client):
    for name in ("Posterboard", "Poster frame", "Frame", "Red poster", "Posters", "Blue posterior"):
        ProductFactory(title=name, excerpt="fits a poster" if name == "Frame" else "")

    for limit in (1, 2, 3, 6):
        listed = anonymous_client.get("/api/v1/products", {"q": "poster", "limit": limit}).json()
        assert _hit_titles(anonymous_client, "poster", limit=limit) == [item["title"] for item in listed["data"]]


@pytest.fixture
def oak_posters():
    """Products holding both words in their title (whole or as parts of words) and products naming one of them only
    through a tag, a brand or a category: the two parts of the ranked candidates (search_sql.word_rows)."""
    ProductFactory(title="Oak posterboard")
    ProductFactory(title="Oak poster", excerpt="a red poster of oak")
    ProductFactory(title="Oaken posters")
    tagged = ProductFactory(title="Oak frame")
    ProductTag.objects.create(product=tagged, name="poster")
    ProductFactory(title="Red poster", brand=BrandFactory(title="Oakwood"))
    ProductFactory(title="Blue poster", categories=[CategoryFactory(title="Oak things")])
    ProductFactory(title="Frame", excerpt="fits an oak poster")
    ProductFactory(title="Poster of red oak leaves")


@pytest.mark.postgres
@pytest.mark.parametrize(
    "text", ["oak poster", "poster", '"red poster"', "poster -red", "oak or frame", "red oak poster"]
)
@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8])
def test_the_fast_path_ranks_tagged_branded_and_partial_matches_as_the_list_filter(
    anonymous_client, oak_posters, text, limit
):
    listed = anonymous_client.get("/api/v1/products", {"q": text, "limit": limit}).json()

    assert _hit_titles(anonymous_client, text, limit=limit) == [item["title"] for item in listed["data"]]


@pytest.mark.postgres
def test_a_phrase_ranks_by_the_full_text_of_products_it_does_not_match(anonymous_client):
    ProductFactory(title="Red poster")
    for excerpt in ("", "poster red"):  # the phrase "red poster" matches neither; its rank is above 0 for the second
        product = ProductFactory(title="Frame", excerpt=excerpt)
        ProductTag.objects.bulk_create([ProductTag(product=product, name=name) for name in ("red", "poster")])

    page = anonymous_client.get("/api/v1/search", {"q": '"red poster"', "limit": 3}).json()["products"]

    assert [(hit["title"], hit["excerpt"]) for hit in page] == [
        ("Red poster", ""),
        ("Frame", "poster red"),
        ("Frame", ""),
    ]


@pytest.mark.postgres
def test_a_short_page_of_whole_words_reads_the_candidate_rows_once(anonymous_client, oak_posters):
    with CaptureQueriesContext(connection) as queries:
        titles = _hit_titles(anonymous_client, "oak poster", limit=5)

    assert titles[:1] == ["Oak poster"]
    _, candidates, *_ = [query["sql"] for query in queries if query["sql"].startswith(PRODUCT_STATEMENT)]
    # The rows whose title holds every word are read by their title condition, not looked up again by id.
    assert 'WHERE (UPPER("catalog_product"."title"::text) LIKE' in candidates
    assert "UNION ALL" in candidates and "IS NOT TRUE" in candidates


@pytest.mark.parametrize("viewer", [Viewer(), Viewer(is_staff=True)], ids=["anonymous", "staff"])
def test_product_hits_render_as_drf_renders_a_summary(viewer):
    """The one-pass rendering (catalog.representations.product_render.render_summary) of the rows a search reads
    (a ProductHit on PostgreSQL, a Product on SQLite) equals DRF's field-by-field rendering of the product."""
    ProductFactory(title="Poster print", price_cents=1250, promo_price_cents=990, excerpt="A print")
    ProductFactory(title="Poster frame", price_cents=4000, description="<p>Oak <b>frame</b></p>")
    ProductFactory(title="Poster draft", status="draft", price_cents=1)
    context = product_context(viewer)
    serializer = ProductSummaryOutput(context=context)

    hits = search_all(viewer, "poster", 10).products
    summaries = product_summaries(hits, context)

    products = {product.public_id: product for product in Product.objects.all()}
    assert len(summaries) == (3 if viewer.is_staff else 2)
    assert summaries == [
        serializers.Serializer.to_representation(serializer, products[summary["id"]]) for summary in summaries
    ]
    assert {summary["price_formatted"] for summary in summaries} >= {"12,50\xa0€", "40,00\xa0€"}  # pt_PT, EUR
    assert all(summary["url"].endswith(f"/product/{summary['slug']}") for summary in summaries)


@pytest.mark.postgres
def test_product_hits_show_the_row_not_a_stored_representation(anonymous_client, stored):
    product = ProductFactory(title="Poster print")
    refresh_documents()
    document = ProductDocument.objects.get(product=product)
    body = orjson.loads(document.body)
    ProductDocument.objects.filter(pk=document.pk).update(body=orjson.dumps({**body, "title": "As stored"}).decode())

    assert _hit_titles(anonymous_client, "poster") == ["Poster print"]


@pytest.mark.postgres
def test_a_product_changed_after_it_was_stored_shows_its_new_price(anonymous_client, stored):
    product = ProductFactory(title="Poster print", price_cents=1250)
    refresh_documents()
    Product.objects.filter(pk=product.pk).update(price_cents=1500)  # no signal: the trigger makes the body stale

    hit = anonymous_client.get("/api/v1/search?q=poster").json()["products"][0]

    assert hit["price_cents"] == 1500


@pytest.mark.postgres
@pytest.mark.parametrize("hits", [1, 12])
def test_search_queries_do_not_grow_with_hits(anonymous_client, django_assert_num_queries, stored, hits):
    for number in range(hits):
        ProductFactory(title=f"Poster {number}")
    refresh_documents()
    anonymous_client.get("/api/v1/search?q=warm")  # the vocabulary, read once per process

    # The store row, the category tree and the brand titles (process copies, read every time in tests), the whole
    # word matches, the other matches (the page is not full), the categories' and brands' ids.
    with django_assert_num_queries(6):
        response = anonymous_client.get("/api/v1/search?q=poster&limit=20")

    assert len(response.json()["products"]) == hits


@pytest.mark.postgres
def test_the_stored_vector_is_the_search_vector_after_every_write():
    """The column search reads (migration 0018) is what catalog.search.SEARCH_VECTOR works out, however the row was
    written: created, saved, updated in bulk, or by raw SQL."""
    product = ProductFactory(title="Oak Frame", sku="OF-1", excerpt="A frame of oak.")

    def stored_equals_worked_out() -> bool:
        stored = Product.objects.filter(pk=product.pk).annotate(
            stored=RawSQL('"catalog_product"."search_vector"::text', ()), worked_out=Cast(SEARCH_VECTOR, TextField())
        )
        row = stored.values("stored", "worked_out").get()
        return row["stored"] == row["worked_out"] and "oak" in row["stored"]

    assert stored_equals_worked_out()
    product.title = "Oak Poster"
    product.save()
    assert stored_equals_worked_out()
    Product.objects.filter(pk=product.pk).update(sku="OP-2", excerpt="Oak, printed.")
    assert stored_equals_worked_out()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_product SET excerpt = '', sku = 'RAW-3' WHERE id = %s", [product.pk])
    assert stored_equals_worked_out()


def _numbered(sql: str) -> str:
    """`sql` with its placeholders numbered, as PREPARE takes it."""
    numbered = iter(range(1, sql.count("%s") + 1))
    return re.sub(r"%s|%%", lambda match: f"${next(numbered)}" if match.group() == "%s" else "%", sql)


def _generic_plans(client, text: str) -> list[str]:
    """The generic plans of the product statements a search for `text` sends, as EXPLAIN prints them."""
    sent = []

    def keep(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        _hit_titles(client, text)
    plans = []
    with psycopg.ClientCursor(connection.connection) as cursor:
        for sql, params in [(sql, params) for sql, params in sent if sql.startswith(PRODUCT_STATEMENT)]:
            cursor.execute("PREPARE probe AS " + _numbered(sql))
            cursor.execute("SET plan_cache_mode = force_generic_plan")
            try:
                cursor.execute(f"EXPLAIN EXECUTE probe({', '.join(['%s'] * len(params))})", params)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
            finally:
                cursor.execute("RESET plan_cache_mode")
                cursor.execute("DEALLOCATE probe")
    return plans


@pytest.mark.postgres
def test_a_kept_plan_works_each_value_out_once_per_run(anonymous_client, oak_posters):
    """Every statement of a search runs on a kept plan, where a value written as a function of a parameter
    (`websearch_to_tsquery(%s)`, `UPPER(%s)`) was worked out again for every candidate row: in the condition's
    recheck, the whole-words test and the rank. Written as subqueries, each is worked out once and handed to each
    use, and PostgreSQL, which could then no more plan a run for its values than without them, keeps its plan of
    the statement by itself."""
    ProductFactory(title="Lomitas", brand=BrandFactory(title="Lomi House"))  # a brand arm in the second statement

    plans = _generic_plans(anonymous_client, "oak poster") + _generic_plans(anonymous_client, "lomi")

    assert len(plans) == 4  # each search: its whole words' statement, then the others'
    for plan in plans:
        assert "InitPlan" in plan and "@@ $" in plan and "~~ $" in plan
        assert "websearch_to_tsquery" not in plan and "upper($" not in plan  # each a subquery's result


def test_whole_words_are_read_through_the_titles_words_then_checked_against_the_title():
    """The cost of finding whole words follows how many titles hold the word, not how common its trigrams are nor
    how many excerpts name it: the title's substring test is written so that no index can take it (`IS TRUE`), a
    check on each match of the titles' words. As an index condition it had PostgreSQL combine the full-text index
    with the title's trigram index, which for a made-up word of common syllables read thousands of trigram entries
    at 100,000 products; through the whole vector's index, four in five matches named the word only elsewhere."""
    condition, params = search_sql.whole_words([("lomi",), ("oak", "oaks")], search_sql.text_query("lomi oak"))

    full_text, titles = condition.split(" AND ", 1)
    assert full_text == (
        'to_tsvector(\'simple\'::regconfig, "catalog_product"."title"::text) @@ '
        "(SELECT websearch_to_tsquery('simple'::regconfig, %s))"
    )
    assert titles.startswith("((UPPER(") and titles.endswith(") IS TRUE") and titles.count("LIKE") == 3
    assert params == ["lomi oak", "%lomi%", "%oak%", "%oaks%"]


@pytest.mark.postgres
def test_a_corrected_word_s_whole_words_come_first_and_a_full_page_of_them_is_one_statement(anonymous_client):
    """A mistyped word is asked of the full text as corrected. Asked as typed, the full text matched nothing, and
    every title holding the correction as part of a longer word was ranked to fill the page."""
    for name in ("Posterboard A", "Posterboard B", "Poster C", "Poster D"):  # the parts have the smaller ids
        ProductFactory(title=name)

    with CaptureQueriesContext(connection) as queries:
        page = _hit_titles(anonymous_client, "psoter", limit=2)

    assert page == ["Poster C", "Poster D"]
    assert len([query for query in queries if query["sql"].startswith(PRODUCT_STATEMENT)]) == 1
    assert _hit_titles(anonymous_client, "psoter", limit=4) == [
        "Poster C",
        "Poster D",
        "Posterboard A",
        "Posterboard B",
    ]


@pytest.mark.postgres
@pytest.mark.parametrize("text", ["psoter", "oak psoter", "posters", "red oka poster", "oka frmae"])
@pytest.mark.parametrize("limit", [1, 3, 8])
def test_the_fast_path_ranks_corrected_words_as_the_list_filter(anonymous_client, oak_posters, text, limit):
    listed = anonymous_client.get("/api/v1/products", {"q": text, "limit": limit}).json()

    assert listed["data"]
    assert _hit_titles(anonymous_client, text, limit=limit) == [item["title"] for item in listed["data"]]


def test_the_full_text_is_asked_for_the_corrected_words_each_as_any_of_its_terms():
    kept = SearchWord("oak", ("oak", "óak"))
    corrected = SearchWord("vaze", ("vase", "vale"))

    assert SearchPlan(text="oak", words=(kept,)).corrected_query is None
    assert SearchPlan(text="oak vaze", words=(kept, corrected)).corrected_query == "('oak' | 'óak') & ('vase' | 'vale')"
    assert SearchPlan(text="x", words=(SearchWord("x", ("o'k", "a\\b")),)).corrected_query == "('o''k' | 'a\\\\b')"


@pytest.mark.postgres
def test_a_word_whole_only_in_the_excerpt_does_not_make_a_title_s_part_of_a_word_whole(anonymous_client):
    """Whole words are the title's: a title holding the word as part of a longer word ranks with the other parts of
    words, whatever its excerpt says (the excerpt's words still find it and count in the full-text rank)."""
    part = ProductFactory(title="Lomitas grandes", excerpt="a lomi inside")
    whole = ProductFactory(title="Grand lomi", excerpt="nothing here")
    named = ProductFactory(title="Frame", excerpt="fits a lomi")
    condition, params = search_sql.whole_words([("lomi",)], search_sql.text_query("lomi"))

    found = Product.objects.filter(pk__in=RawSQL(f'SELECT "id" FROM "catalog_product" WHERE {condition}', params))

    assert list(found) == [whole]
    page = _hit_titles(anonymous_client, "lomi", limit=10)
    assert page[0] == whole.title and set(page) == {part.title, whole.title, named.title}
    listed = anonymous_client.get("/api/v1/products", {"q": "lomi", "limit": 10}).json()
    assert page == [item["title"] for item in listed["data"]]  # the ORM's relevance ranks alike


@pytest.mark.postgres
def test_the_titles_words_are_read_through_their_own_index():
    """PostgreSQL uses an index only for the expression it was built on: the statement's TITLE_WORDS must be
    migration 0023's, or every search would read the whole table."""
    for number in range(40):
        ProductFactory(title=f"Brass lantern {number}")
    ProductFactory(title="Lomi lamp")
    condition, params = search_sql.whole_words([("lomi",)], search_sql.text_query("lomi"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f'EXPLAIN SELECT "id" FROM "catalog_product" WHERE {condition}', params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "product_title_words" in plan
