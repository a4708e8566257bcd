"""Search that forgives: plurals, one-letter typos, brand and category words, several words in any order.

The same plan runs on every database. The search text is split into words; each word becomes the catalog words
it stands for, read from the catalog's vocabulary (the words of product, brand and category titles and tags,
accents folded, shared for `VOCABULARY_SECONDS`):

1. a word found inside a known word stays as typed ("tea" is inside "teapot", "pot" too);
2. otherwise its singular, if known ("vases" → "vase");
3. otherwise known words within one edit (two for words of 7+ letters), or a known word it extends by at most
   two letters ("vaze" → "vase", "ceramica" → "ceramic").

A product matches when every word matches its title, brand, a category (or a category above it), a tag, and on
SQLite its SKU or excerpt. PostgreSQL adds its full-text and trigram matches of the whole text (the GIN indexes
of migration 0002), which cover SKU and excerpt there. Results rank by the number of words found in the title,
then (PostgreSQL) titles holding the words whole before titles holding them as parts of words (a full-text
match of the title's words), then full-text rank (title, SKU and excerpt) or trigram similarity. A vocabulary
that lags a new word by a few minutes only delays typo tolerance for it: the word as typed still matches.

On PostgreSQL the compound query is SQL written once (catalog.search_sql), and `search_all`, which answers
/api/v1/search, reads the page of products ranked and limited in SQL: the whole words first, every other match
only when they leave the page short (_product_hits).
"""

import re
import time
from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.exceptions import FullResultSet
from django.db import connection
from django.db.models import Case, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Greatest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from shopplatform.prepared import constants_written_in
from shopplatform.process_copy import ProcessCopy
from shopplatform.query_cache import shared_for_query

from . import search_sql as statements
from .models import PUBLIC_STATUSES, Brand, Category, Product, ProductTag
from .queries import Viewer, brands_for, categories_for, category_tree, visible_products
from .representations.products import ProductSummaryOutput
from .search_text import fold
from .search_titles import may_name_titles

# The expression must stay identical to the index in migrations/0002 for PostgreSQL to use it.
SEARCH_VECTOR = SearchVector("title", "sku", "excerpt", config="simple")
# The title's words, whole: a title matching the text's full-text query ranks above one holding the words only as
# parts of words. The ORM's relevance reads catalog.search_sql's expression (the one migration 0023 indexes).
TITLE_WORDS = RawSQL(statements.TITLE_WORDS, [], output_field=SearchVectorField())  # noqa: S611 (a constant)
VOCABULARY_SECONDS = 300
LOCAL_VOCABULARY_SECONDS = 60
MAX_ALTERNATIVES = 5
MAX_WORDS = 8  # a pasted paragraph searches by its first words, not by one subquery per word
MIN_EXTENDED_LENGTH = 4  # "ceramica" may stand for "ceramic"; "ca" may not stand for "c"
WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@dataclass(frozen=True)
class SearchWord:
    typed: str
    terms: tuple[str, ...]  # what the word matches, as substrings of catalog text

    @property
    def corrected(self) -> bool:
        return fold(self.typed) not in {fold(term) for term in self.terms}


@dataclass(frozen=True)
class SearchPlan:
    text: str
    words: tuple[SearchWord, ...] = field(default_factory=tuple)

    @property
    def corrections(self) -> str:
        """The search text as understood ("vase" for "vaze"), or "" when every word was kept."""
        if not any(word.corrected for word in self.words):
            return ""
        return " ".join(word.terms[0] for word in self.words)

    @property
    def corrected_query(self) -> str | None:
        """A tsquery of the words as corrected, each any of its terms (`(vase) & ('mile' | 'mild')`), or None
        when every word was kept: the full text is then asked for the text as typed."""
        if not any(word.corrected for word in self.words):
            return None
        return " & ".join("(" + " | ".join(_lexeme(term) for term in word.terms) + ")" for word in self.words)


def _lexeme(term: str) -> str:
    """`term` quoted for a tsquery."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def catalog_vocabulary() -> dict[str, set[str]]:
    """Folded word → the words as written (lower case), from public titles, brands, categories and tags."""
    global _local_vocabulary
    held = _local_vocabulary
    if held is not None and time.monotonic() < held[0]:
        return held[1]  # before building a queryset: that cost a twentieth of a search
    products = Product.objects.filter(status__in=PUBLIC_STATUSES)

    def compute() -> dict[str, set[str]]:
        vocabulary: dict[str, set[str]] = {}
        sources = (
            products.values_list("title", flat=True),
            Brand.objects.filter(active=True).values_list("title", flat=True),
            Category.objects.filter(active=True).values_list("title", flat=True),
            ProductTag.objects.values_list("name", flat=True).distinct(),
        )
        for source in sources:
            for title in source.iterator():
                for word in words_of(title):
                    if len(word) > 1:
                        vocabulary.setdefault(fold(word), set()).add(word)
        return vocabulary

    vocabulary = shared_for_query(products, compute, kind="search-vocabulary", seconds=VOCABULARY_SECONDS, empty={})
    # Kept in the process too: the shared copy is half a megabyte at 20,000 products, read and unpickled per search.
    _local_vocabulary = (time.monotonic() + LOCAL_VOCABULARY_SECONDS, vocabulary)
    return vocabulary


_local_vocabulary: tuple[float, dict[str, set[str]]] | None = None


@dataclass(frozen=True)
class _Index:
    """What a vocabulary is searched by: its words on lines of one string (a typed word found in it is part of a
    known word), its words by length, and by length and their first or second letter (the only ones a typo may
    stand for: see close_words).

    The words of digits alone (a catalog's model and size numbers: 100,000 of 105,000 known words at 100,000
    products) are kept apart, looked at only for a typed word with a digit: no other word is inside one of them or
    within two edits of one (they share no character). Searched with the others, they made the vocabulary four
    times longer to scan for each typed word at 100,000 products as at 20,000."""

    text: str
    numbers: str
    by_length: dict[tuple[int, bool], list[str]]  # (length, digits alone) -> words
    by_start: dict[tuple[int, int, str], list[str]]  # (length, 0 or 1, the letter there) -> words

    def holds(self, word: str) -> bool:
        """Whether `word` (folded) is part of a known word."""
        return word in self.text or (_has_digit(word) and word in self.numbers)


def _has_digit(word: str) -> bool:
    return any(character.isdigit() for character in word)


_indexed: tuple[dict | None, _Index] = (None, _Index("", "", {}, {}))


def _index(vocabulary: dict[str, set[str]]) -> _Index:
    """The vocabulary's index, built once per vocabulary the process holds."""
    global _indexed
    held = _indexed
    if held[0] is not vocabulary:
        by_length: dict[tuple[int, bool], list[str]] = {}
        by_start: dict[tuple[int, int, str], list[str]] = {}
        for word in vocabulary:
            by_length.setdefault((len(word), word.isdigit()), []).append(word)
            # Folding may leave fewer than two letters ("aﾞ" is known as "a"): such a word is never one edit from
            # a typed word of three letters or more, the shortest close_words takes.
            for position in range(min(len(word), 2)):
                by_start.setdefault((len(word), position, word[position]), []).append(word)
        words = "\n".join(word for word in vocabulary if not word.isdigit())
        numbers = "\n".join(word for word in vocabulary if word.isdigit())
        held = _indexed = (vocabulary, _Index(words, numbers, by_length, by_start))
    return held[1]


def singulars(word: str) -> list[str]:
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return []
    forms = [word[:-3] + "y"] if word.endswith("ies") else []
    forms.append(word[:-1])
    if word.endswith("es"):
        forms.append(word[:-2])
    return forms


def close_words(word: str, vocabulary: dict[str, set[str]]) -> list[str]:
    """Known folded words one edit away (two from 7 letters), or known words `word` extends by 1-2 letters.

    The distance is the optimal string alignment one (a swap of neighbours counts once), worked out by rapidfuzz
    for the known words within reach: of a length within the limit and, one edit away, starting with one of the
    word's first two letters or holding one of them second (an edit after the first letter keeps it; one of the
    first letter keeps the second, or moves the first or second letter to the other place). At 100,000 products,
    with 105,000 known words, a typo took 45 ms in Python, 12 ms through rapidfuzz over the lengths, 0.01-0.4 ms
    now."""
    if len(word) < 3:
        return []
    limit = 2 if len(word) >= 7 else 1
    scored = {}
    for extra in (1, 2):
        if len(word) - extra >= MIN_EXTENDED_LENGTH and word[:-extra] in vocabulary:
            scored[word[:-extra]] = extra
    index = _index(vocabulary)
    sizes = range(len(word) - limit, len(word) + limit + 1)
    if limit == 1:
        starts = {word[0], word[1]}
        candidates = list(
            {
                known
                for size in sizes
                for position in (0, 1)
                for letter in starts
                for known in index.by_start.get((size, position, letter), ())
            }
        )
    else:
        kinds = (False, True) if _has_digit(word) else (False,)
        candidates = [known for size in sizes for kind in kinds for known in index.by_length.get((size, kind), ())]
    for known, distance, _ in process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None):
        scored.setdefault(known, distance)
    return sorted(scored, key=lambda known: (scored[known], known))[:MAX_ALTERNATIVES]


def plan_search(text: str) -> SearchPlan:
    """What each word of `text` stands for in this catalog (see the module docstring)."""
    typed_words = ([word for word in words_of(text) if len(word) > 1] or words_of(text))[:MAX_WORDS]
    if not typed_words:
        return SearchPlan(text=text)
    vocabulary = catalog_vocabulary()
    index = _index(vocabulary)
    planned = []
    for typed in typed_words:
        folded = fold(typed)
        if index.holds(folded) or not vocabulary:
            planned.append(SearchWord(typed, _written(folded, typed, vocabulary)))
            continue
        singular = next((form for form in singulars(folded) if index.holds(form)), None)
        if singular:
            planned.append(SearchWord(typed, _written(singular, singular, vocabulary)))
            continue
        near = close_words(folded, vocabulary)
        terms = [term for known_word in near for term in sorted(vocabulary[known_word])]
        planned.append(SearchWord(typed, tuple(dict.fromkeys(terms)) or (typed,)))
    return SearchPlan(text=text, words=tuple(planned))


def _written(folded: str, typed: str, vocabulary: dict[str, set[str]]) -> tuple[str, ...]:
    """The substring as typed, plus its accented spellings when the catalog writes the word with accents."""
    return tuple(dict.fromkeys([typed, *sorted(vocabulary.get(folded, ()))]))


def _active_categories() -> dict[int, Category]:
    """The active categories of the process's category tree (catalog.queries.CATEGORY_TREE): no query per search."""
    return {pk: node for pk, node in category_tree().items() if node.active}


def _category_pks(term: str, tree: dict[int, Category]) -> set[int]:
    """Active categories whose title contains `term`, with every category below them."""
    term = term.casefold()
    found = {pk for pk, node in tree.items() if term in node.title.casefold()}
    children: dict[int, list[int]] = {}
    for pk, node in tree.items():
        children.setdefault(node.parent_id, []).append(pk)
    pending = list(found)
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def _word_match(word: SearchWord, *, tree: dict[int, Category]) -> Q:
    """SQLite: the word's arms ORed in one condition (PostgreSQL reads them as a compound query, _word_sql)."""
    match = Q()
    linked = Product.categories.through.objects
    for term in word.terms:
        match |= Q(title__icontains=term) | Q(brand__title__icontains=term)
        match |= Q(pk__in=ProductTag.objects.filter(name__icontains=term).values("product_id"))
        categories = _category_pks(term, tree)
        if categories:
            match |= Q(pk__in=linked.filter(category_id__in=categories).values("product_id"))
        match |= Q(sku__icontains=term) | Q(excerpt__icontains=term)  # PostgreSQL: its full-text vector
    return match


def _title_hits(plan: SearchPlan):
    hits = [
        Case(
            When(Q.create([("title__icontains", term) for term in word.terms], connector=Q.OR), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for word in plan.words
    ]
    return sum(hits[1:], hits[0])


def search_products(products: QuerySet[Product], text: str, plan: SearchPlan | None = None) -> QuerySet[Product]:
    """Products matching `text`, best first (see the module docstring)."""
    plan = plan or plan_search(text)
    if not plan.words:
        return products.none()
    tree = _active_categories()
    relevance = Cast(_title_hits(plan), FloatField())
    if connection.vendor != "postgresql":
        match = Q()
        for word in plan.words:
            match &= _word_match(word, tree=tree)
        return products.filter(match).annotate(relevance=relevance).order_by("-relevance", "pk")
    corrected = plan.corrected_query
    query = SearchQuery(corrected or text, config="simple", search_type="raw" if corrected else "websearch")
    whole = Case(When(SearchVectorExact(TITLE_WORDS, query), then=1.0), default=0.0, output_field=FloatField())
    relevance = relevance + whole + Greatest(SearchRank(SEARCH_VECTOR, query), TrigramWordSimilarity(text, "title"))
    words, params = statements.word_ids(_word_arms(plan, tree))
    whole, whole_params = statements.whole_text_ids(statements.text_query(text, corrected), text)
    return (
        products.filter(pk__in=RawSQL(f"{words} UNION {whole}", (*params, *whole_params)))  # noqa: S611
        .annotate(relevance=relevance)
        .order_by("-relevance", "pk")
    )


def search_titled(rows: QuerySet, text: str, plan: SearchPlan | None = None) -> QuerySet:
    """Categories or brands whose title holds any word of `text` (as planned), or nearly matches it on PostgreSQL."""
    plan = plan or plan_search(text)
    match = Q()
    for word in plan.words:
        for term in word.terms:
            match |= Q(title__icontains=term)
    if connection.vendor != "postgresql":
        return rows.filter(match) if plan.words else rows.none()
    return (
        rows.filter(match | Q(title__icontains=text) | Q(title__trigram_word_similar=text))
        .annotate(relevance=TrigramWordSimilarity(text, "title"))
        .order_by("-relevance", "pk")
    )


HIT_FIELDS = tuple(  # the key and the columns a hit shows, in the model's field order
    field.attname for field in Product._meta.concrete_fields if field.attname in {"id", *ProductSummaryOutput.columns}
)


# A product hit read by PostgreSQL: its row's values of HIT_FIELDS, what ProductSummaryOutput renders (a model
# instance built for each of them cost more than rendering it).
ProductHit = namedtuple("ProductHit", HIT_FIELDS)


@dataclass(frozen=True)
class SearchHits:
    products: list[Product | ProductHit]
    categories: list[Category]
    brands: list[Brand]


def search_all(viewer: Viewer, text: str, limit: int) -> SearchHits:
    """The best `limit` products, categories and brands `viewer` may see for `text` (as planned once for all three).

    On PostgreSQL: the ranked products (_product_hits), then the ids of matching categories and brands in one
    statement when a title might match (catalog.search_titles), and their rows only when some matched.
    """
    plan = plan_search(text)
    if connection.vendor != "postgresql":
        products = search_products(visible_products(viewer), text, plan)
        return SearchHits(
            products=list(products.only(*ProductSummaryOutput.columns)[:limit]),
            categories=list(search_titled(categories_for(viewer), text, plan)[:limit]),
            brands=list(search_titled(brands_for(viewer), text, plan)[:limit]),
        )
    if not plan.words:
        return SearchHits(products=[], categories=[], brands=[])
    with connection.cursor() as cursor:
        products = _product_hits(cursor, viewer, plan, limit)
        terms = tuple(term for word in plan.words for term in word.terms)
        found = []
        if may_name_titles(terms, text):  # most searches name no category or brand: told without a statement
            cursor.execute(*statements.titled_ids(active_only=not viewer.is_staff, terms=terms, text=text, limit=limit))
            found = cursor.fetchall()
    return SearchHits(
        products=products,
        categories=_in_order(categories_for, viewer, [pk for kind, pk in found if kind == "category"]),
        brands=_in_order(brands_for, viewer, [pk for kind, pk in found if kind == "brand"]),
    )


def _product_hits(cursor, viewer: Viewer, plan: SearchPlan, limit: int) -> list[ProductHit]:
    """PostgreSQL: search_products' first `limit` products, in its order, read by one statement or two.

    With n words, relevance is the title hits (at most n), one when the title's words match the text (whole
    words), and the better of rank and similarity (each at most 1, the rank above 0 on a match: the title is part
    of the full text). So products whose title holds every word, whole, score above n + 1, and every other product
    at most n + 1: when the index of the titles' words finds `limit` of them, they are the page, however many
    titles hold the words as substrings (a short word is inside thousands of titles of a large catalog, and
    ranking them all cost ~100 ms at 100k products).
    Otherwise one more statement ranks every product holding the words, each row read once (search_sql.word_rows),
    with the other products the whole-text arms find (search_sql.besides_words): the full text, and similar titles
    when one could reach the page (search_sql.only_similar). Run apart,
    the whole-text arms could be skipped when the words' products filled the page above their reach, but that was
    rare, and planning and sending a third statement cost more than the arms it skipped. Both statements run on
    kept plans (the request's values are subqueries: catalog.search_sql). Every statement reads the stored
    full-text vector. One word kept as typed reads its whole words' best without ranking them all
    (search_sql.ranked_top_first).
    """
    terms = [word.terms for word in plan.words]
    query = statements.text_query(plan.text, plan.corrected_query)
    score = statements.relevance(terms, query, plan.text)

    shape = {"columns": HIT_FIELDS, "score": score, "visible": _visible_sql(viewer), "limit": limit}

    def run(statement: statements.Statement) -> list[tuple]:
        cursor.execute(*statement)
        return cursor.fetchall()

    whole_words = statements.whole_words(terms, query)
    # Every product of whole_words has each word in its title, whole: closeness alone orders them as score does.
    first = {**shape, "score": statements.closeness(query, plan.text)}
    if len(plan.words) == 1 and not plan.words[0].corrected:
        rows = run(statements.ranked_top_first(where=whole_words, text=plan.text, **first))
    else:
        rows = run(statements.ranked(where=[whole_words], **first))
    if len(rows) < limit:
        arms = _word_arms(plan, _active_categories())
        full_text = statements.besides_words(arms, statements.full_text_ids(query))
        similar = statements.only_similar(arms, query, plan.text, visible=shape["visible"], limit=limit)
        rows = run(statements.ranked(where=[*statements.word_rows(arms), full_text, similar], **shape))
    return [ProductHit._make(values) for *values, _ in rows]


def product_summaries(products: list[Product | ProductHit], context: dict) -> list[dict]:
    """ProductSummaryOutput of each hit, rendered in one pass (catalog.representations.product_render)."""
    serializer = ProductSummaryOutput(context=context)
    return [serializer.to_representation(product) for product in products]


def _in_order(rows_for: Callable[[Viewer], QuerySet], viewer: Viewer, pks: list[int]) -> list:
    """The rows of `pks` in that order, read only when there are some (their querysets cost time to build)."""
    if not pks:
        return []
    by_pk = {row.pk: row for row in rows_for(viewer).filter(pk__in=pks)}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _read_brand_titles() -> dict[int, str]:
    return {pk: title.casefold() for pk, title in Brand.objects.values_list("pk", "title")}


# Every brand's title (active or not, as on SQLite), kept by the process like CATEGORY_TREE (watched in catalog.apps).
BRAND_TITLES = ProcessCopy(_read_brand_titles)


def _word_arms(plan: SearchPlan, tree: dict[int, Category]) -> list[statements.WordArms]:
    """Each word's terms with the brands and categories they name, matched in the process's copies: a brand arm
    PostgreSQL planned without knowing which brand matched had it read the whole catalog."""
    brands = BRAND_TITLES.get()
    return [
        statements.WordArms(
            terms=word.terms,
            brands=sorted({pk for term in word.terms for pk, title in brands.items() if term.casefold() in title}),
            categories=sorted(set().union(*(_category_pks(term, tree) for term in word.terms))),
        )
        for word in plan.words
    ]


@lru_cache(maxsize=8)
def _visible_sql(viewer: Viewer) -> str:
    """visible_products(viewer)'s condition on "catalog_product", compiled once per kind of viewer, its values (the
    statuses a viewer sees) written in so that a statement's plan can be kept (shopplatform.prepared)."""
    query = visible_products(viewer).query
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except FullResultSet:  # staff: every product
        return "TRUE"
    return constants_written_in(sql, params, connection)
