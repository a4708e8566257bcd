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
then (PostgreSQL) full-text rank or trigram similarity. A vocabulary that lags a new word by a few minutes only
delays typo tolerance for it: the word as typed still matches.
"""

import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Greatest

from shopplatform.query_cache import shared_for_query

from .models import PUBLIC_STATUSES, Brand, Category, Product, ProductTag

# The expression must stay identical to the index in migrations/0002 for PostgreSQL to use it.
SEARCH_VECTOR = SearchVector("title", "sku", "excerpt", config="simple")
VOCABULARY_SECONDS = 300
LOCAL_VOCABULARY_SECONDS = 60
MAX_ALTERNATIVES = 5
MAX_WORDS = 8  # a pasted paragraph searches by its first words, not by one subquery per word
MIN_EXTENDED_LENGTH = 4  # "ceramica" may stand for "ceramic"; "ca" may not stand for "c"
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: "Decoração" → "decoracao"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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


def catalog_vocabulary() -> dict[str, set[str]]:
    """Folded word → the words as written (lower case), from public titles, brands, categories and tags."""
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

    global _local_vocabulary
    held = _local_vocabulary
    if held is not None and time.monotonic() < held[0]:
        return held[1]
    vocabulary = shared_for_query(products, compute, kind="search-vocabulary", seconds=VOCABULARY_SECONDS, empty={})
    # Kept in the process too: the shared copy is half a megabyte at 20,000 products, read and unpickled per search.
    _local_vocabulary = (time.monotonic() + LOCAL_VOCABULARY_SECONDS, vocabulary)
    return vocabulary


_local_vocabulary: tuple[float, dict[str, set[str]]] | None = None


_joined: tuple[dict | None, str] = (None, "")


def _known_text(vocabulary: dict[str, set[str]]) -> str:
    """The vocabulary's words on lines of one string (a typed word found in it is part of a known word), joined once
    per vocabulary the process holds."""
    global _joined
    held = _joined
    if held[0] is not vocabulary:
        held = _joined = (vocabulary, "\n".join(vocabulary))
    return held[1]


@lru_cache(maxsize=4)
def _by_length(vocabulary_id: int, words: tuple[str, ...]) -> dict[int, list[str]]:
    lengths: dict[int, list[str]] = {}
    for word in words:
        lengths.setdefault(len(word), []).append(word)
    return lengths


def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once), or limit + 1 when above `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous_row, row = None, list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            cost = char != other
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if before and i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
    return row[-1]


def singulars(word: str) -> list[str]:
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return []
    forms = [word[:-3] + "y"] if word.endswith("ies") else []
    forms.append(word[:-1])
    if word.endswith("es"):
        forms.append(word[:-2])
    return forms


def close_words(word: str, vocabulary: dict[str, set[str]]) -> list[str]:
    """Known folded words one edit away (two from 7 letters), or known words `word` extends by 1-2 letters."""
    limit = 2 if len(word) >= 7 else 1
    if len(word) < 3:
        return []
    scored = []
    # Only words whose length is within reach: edit_distance would refuse the others anyway.
    lengths = _by_length(id(vocabulary), tuple(vocabulary))
    shortest = len(word) - max(limit, 2)  # a known word may be up to 2 letters shorter (an extension)
    candidates = [known for size in range(shortest, len(word) + limit + 1) for known in lengths.get(size, ())]
    for known in candidates:
        if len(known) >= MIN_EXTENDED_LENGTH and word.startswith(known) and len(word) - len(known) <= 2:
            scored.append((len(word) - len(known), known))
            continue
        distance = edit_distance(word, known, limit)
        if distance <= limit:
            scored.append((distance, known))
    return [known for _, known in sorted(scored)[:MAX_ALTERNATIVES]]


def plan_search(text: str) -> SearchPlan:
    """What each word of `text` stands for in this catalog (see the module docstring)."""
    typed_words = ([word for word in words_of(text) if len(word) > 1] or words_of(text))[:MAX_WORDS]
    if not typed_words:
        return SearchPlan(text=text)
    vocabulary = catalog_vocabulary()
    known = _known_text(vocabulary)
    planned = []
    for typed in typed_words:
        folded = fold(typed)
        if folded in known or not vocabulary:
            planned.append(SearchWord(typed, _written(folded, typed, vocabulary)))
            continue
        singular = next((form for form in singulars(folded) if form in known), None)
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
    return {node.pk: node for node in Category.objects.filter(active=True).only("pk", "parent_id", "title")}


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
    """SQLite: the word's arms ORed in one condition (PostgreSQL reads them as a compound query, _word_ids)."""
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
    query = SearchQuery(text, config="simple", search_type="websearch")
    relevance = relevance + Greatest(SearchRank(SEARCH_VECTOR, query), TrigramWordSimilarity(text, "title"))
    return (
        products.filter(pk__in=_matching_ids(plan, text, query, tree))
        .annotate(relevance=relevance)
        .order_by("-relevance", "pk")
    )


def _matching_ids(plan: SearchPlan, text: str, query: SearchQuery, tree: dict[int, Category]) -> QuerySet:
    """PostgreSQL: the ids of matching products as one compound query, (word 1 INTERSECT word 2 …) UNION full-text UNION
    trigram, each word the union of its arms. Every arm is a query an index answers (the title's trigram index,
    the brand and category links, tags, the full-text vector); ORed in one WHERE clause, the same conditions made
    PostgreSQL read the whole catalog and compute every product's vector (seconds at 20,000 products)."""
    per_word = [_word_ids(word, tree) for word in plan.words]
    whole = [
        Product.objects.annotate(search=SEARCH_VECTOR).filter(search=query).values("pk"),
        Product.objects.filter(title__trigram_word_similar=text).values("pk"),
    ]
    words = per_word[0].intersection(*per_word[1:]) if len(per_word) > 1 else per_word[0]
    return words.union(*whole)


def _word_ids(word: SearchWord, tree: dict[int, Category]) -> QuerySet:
    arms = []
    linked = Product.categories.through.objects
    for term in word.terms:
        arms.append(Product.objects.filter(title__icontains=term).values("pk"))
        brands = list(Brand.objects.filter(title__icontains=term).values_list("pk", flat=True))
        if brands:
            arms.append(Product.objects.filter(brand_id__in=brands).values("pk"))
        arms.append(ProductTag.objects.filter(name__icontains=term).values("product_id"))
        categories = _category_pks(term, tree)
        if categories:
            arms.append(linked.filter(category_id__in=categories).values("product_id"))
    return arms[0].union(*arms[1:]) if len(arms) > 1 else arms[0]


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
