"""A search skips the categories-and-brands statement only when no title could answer it (catalog.search_titles):
checked against pg_trgm and the statement itself on PostgreSQL."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog import search_sql
from catalog.search_text import fold, trigrams
from catalog.search_titles import WORD_SIMILARITY_THRESHOLD, may_name_titles

from .factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TITLES = [
    "Posters",
    "Poster House",
    "Oak & Pine",
    "Decoração",
    "Café Crème",
    "Straße 12",
    "İstanbul Rugs",
    "tea_pots",
    "B",
]
TEXTS = [
    "poster",
    "postr",
    "posterhouse",
    "oak",
    "pines",
    "decoracao",
    "decor",
    "cafe",
    "creme",
    "strasse",
    "istanbul",
    "stanbul",
    "teapots",
    "pots",
    "b",
    "bb",
    "houses poster",
    "tidepoba",
    "miloneto",
    "xyzzy",
    '"poster house"',
    "oak -pine",
]
TITLED_STATEMENT = "(SELECT 'category'"


@pytest.fixture
def kept(settings):
    settings.STORE_SETTINGS_CACHE_SECONDS = 60  # the process keeps its copy of the titles, as in production


@pytest.fixture
def named(kept):
    for index, title in enumerate(TITLES):
        (CategoryFactory if index % 2 else BrandFactory)(title=title)


def _sql(statement: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def test_trigrams_are_pg_trgm_s_for_ascii_text():
    for text in ["Poster House", "oak-frame 12", "a", "tea_pots", "  two  spaces ", "X1 y2", "!!"]:
        assert trigrams(text) == set(_sql("SELECT show_trgm(%s)", text)), text


def test_the_share_of_trigrams_is_never_under_pg_trgm_s_word_similarity(named):
    """What lets a search skip the statement: a title shares at least pg_trgm's word similarity of the text's
    trigrams, accented and dotted titles included."""
    for title, text in itertools.product(TITLES, TEXTS):
        own = trigrams(text)
        similarity = _sql("SELECT word_similarity(%s, %s)", text, title)
        if similarity > 0:
            share = len(own & trigrams(fold(title))) / len(own)
            assert share >= similarity - 1e-6, (title, text, share, similarity)


def test_the_threshold_is_pg_trgm_s():
    _sql("SELECT word_similarity('a', 'b')")  # loads pg_trgm, whose setting is then known
    assert float(_sql("SELECT current_setting('pg_trgm.word_similarity_threshold')")) == WORD_SIMILARITY_THRESHOLD


@pytest.mark.parametrize("staff", [False, True])
def test_a_search_told_it_names_no_title_is_one_the_statement_finds_nothing_for(named, staff):
    skipped = []
    for text in TEXTS:
        terms = tuple(dict.fromkeys(text.replace('"', "").replace("-", "").split()))
        found = _rows(*search_sql.titled_ids(active_only=not staff, terms=terms, text=text, limit=10))
        if not may_name_titles(terms, text):
            assert found == [], text
            skipped.append(text)
    # The texts near no title are told without the statement.
    assert {"tidepoba", "miloneto", "xyzzy", "bb"} <= set(skipped)


def _rows(statement: str, params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def test_a_search_naming_no_title_runs_no_statement_for_them(anonymous_client, named):
    ProductFactory(title="Tidepoba lamp")

    with CaptureQueriesContext(connection) as queries:
        body = anonymous_client.get("/api/v1/search?q=tidepoba").json()

    assert [hit["title"] for hit in body["products"]] == ["Tidepoba lamp"]
    assert (body["categories"], body["brands"]) == ([], [])
    assert not [query for query in queries if query["sql"].startswith(TITLED_STATEMENT)]


def test_a_title_written_in_this_process_answers_its_next_search(anonymous_client, kept):
    ProductFactory(title="Tidepoba lamp")
    assert anonymous_client.get("/api/v1/search?q=tidepoba").json()["categories"] == []

    category = CategoryFactory(title="Tidepoba")
    brand = BrandFactory(title="Tidepobas")  # near the text: found by pg_trgm's similarity

    body = anonymous_client.get("/api/v1/search?q=tidepoba").json()
    assert [item["id"] for item in body["categories"]] == [category.public_id]
    assert [item["id"] for item in body["brands"]] == [brand.public_id]
