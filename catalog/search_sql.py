"""PostgreSQL statements of catalog.search: its conditions written once as SQL, every typed word a bound parameter.

Compiling the same compound query through the ORM cost more than PostgreSQL took to answer it. Each function
returns `(sql, params)`. A LIMIT is written in, not bound, so that a plan PostgreSQL keeps knows it
(shopplatform.prepared); the request's values are subqueries (see QUERY). Substring matches test the column as
Django writes `icontains`, `UPPER(col::text) LIKE …`: the trigram indexes of migration 0014 are built on that
expression, and PostgreSQL uses an index only for the expression it was built on. The full-text vector is the
stored column `search_vector` (`VECTOR`).
"""

# ruff: noqa: S608  (the SQL is built from the constants below; nothing of a request reaches it but parameters)

from dataclasses import dataclass

from django.db import connection

Statement = tuple[str, list | tuple]

LIKE = "UPPER({column}::text) LIKE (SELECT UPPER(%s::text))"
# The product's full-text vector, stored (catalog migration 0018: a column PostgreSQL generates from title, sku
# and excerpt, with its GIN index): catalog.search.SEARCH_VECTOR's value, read instead of worked out per row.
VECTOR = '"catalog_product"."search_vector"'
# The title's words as the full text reads them (catalog migration 0023 indexes this expression): a title matching
# the text's query holds its words whole, which ranks it above titles holding them as parts of words (`relevance`).
TITLE_WORDS = 'to_tsvector(\'simple\'::regconfig, "catalog_product"."title"::text)'
# Every value of a request is a subquery, which PostgreSQL works out once per run and hands to each use: the text's
# query, each LIKE pattern, each list of brands or categories, the text for similarity. Each statement then runs
# on the plan PostgreSQL keeps for it: knowing the values no more than that plan does, a plan made for them could
# not look cheaper. As a function of a bound parameter, a value was worked out again for every candidate row of a
# kept plan (the query three times: recheck, whole-words test, rank), and the second statement, whose planning
# took as long as its run (1-2 ms over five arms of the product table), was planned for every run.
QUERY = "(SELECT websearch_to_tsquery('simple'::regconfig, %s))"
# A search with a corrected word asks the full text for what it was corrected to: every word, each as any of its
# terms ("mlie" -> ('mile' | 'mild' | …)), written by catalog.search.corrected_query. Asked for the word as typed,
# the full text matched nothing, and the ranked page had no whole words to fill it: every title holding a
# correction as part of a word was ranked, thousands of them at 100,000 products (70-165 ms).
CORRECTED_QUERY = "(SELECT to_tsquery('simple'::regconfig, %s))"


@dataclass(frozen=True)
class WordArms:
    """What one planned word matches: substrings of titles and tags, and the brands and categories it names."""

    terms: tuple[str, ...]
    brands: list[int]
    categories: list[int]  # with every category below them


def _any_like(column: str, terms: tuple[str, ...]) -> Statement:
    condition = " OR ".join(LIKE.format(column=column) for _ in terms)
    return f"({condition})", [f"%{connection.ops.prep_for_like_query(term)}%" for term in terms]


def _arms(word: WordArms) -> list[tuple[str, str, list]]:
    """One word's arms, the title's first: each the select of its ids (an index read), the same condition on a
    product row, and their parameters."""
    titles, title_params = _any_like('"title"', word.terms)
    tags, tag_params = _any_like('"name"', word.terms)
    tagged = f'SELECT "product_id" FROM "catalog_producttag" WHERE {tags}'
    arms = [
        (
            f'SELECT "id" FROM "catalog_product" WHERE {titles}',
            _any_like('"catalog_product"."title"', word.terms)[0],
            title_params,
        ),
        (tagged, f'"catalog_product"."id" IN ({tagged})', tag_params),
    ]
    if word.brands:
        arms.append(
            (
                'SELECT "id" FROM "catalog_product" WHERE "brand_id" = ANY((SELECT %s::bigint[])::bigint[])',
                '"catalog_product"."brand_id" = ANY((SELECT %s::bigint[])::bigint[])',
                [word.brands],
            )
        )
    if word.categories:
        linked = (
            'SELECT "product_id" FROM "catalog_product_categories" '
            'WHERE "category_id" = ANY((SELECT %s::bigint[])::bigint[])'
        )
        arms.append((linked, f'"catalog_product"."id" IN ({linked})', [word.categories]))
    return arms


def word_ids(words: list[WordArms]) -> Statement:
    """Ids of products matching every word: (word 1's arms) INTERSECT (word 2's arms)…, each arm an index read."""
    selects, params = [], []
    for word in words:
        arms = _arms(word)
        selects.append("(" + " UNION ".join(select for select, _, _ in arms) + ")")
        params += [param for _, _, arm_params in arms for param in arm_params]
    return " INTERSECT ".join(selects), params


def word_rows(words: list[WordArms]) -> list[Statement]:
    """word_ids' products as two disjoint conditions on a product row, so that `ranked` reads each row once.

    The products whose title holds every word are read through the trigram index of the title; looked up by id
    (word_ids) they were read twice, and PostgreSQL, asked for ids only, scanned every title of the catalog for
    them. The others match some word through a tag, brand or category only: they are among those arms' ids, and
    every word's arms are checked on them as conditions (a tag or category arm is read once, into a hash).
    """
    titles = _all_titles([word.terms for word in words])
    others, other_params = [], []
    for word in words:
        _, *arms = _arms(word)
        others += [select for select, _, _ in arms]
        other_params += [param for _, _, params in arms for param in params]
    checks, check_params = _every_word(words)
    rest = f'"catalog_product"."id" IN ({" UNION ".join(others)}) AND {checks} AND ({titles[0]}) IS NOT TRUE'
    return [titles, (rest, [*other_params, *check_params, *titles[1]])]


def _every_word(words: list[WordArms]) -> Statement:
    """The condition on a product row that every word matches its title, a tag, its brand or a category."""
    checks, params = [], []
    for word in words:
        arms = _arms(word)
        checks.append("(" + " OR ".join(condition for _, condition, _ in arms) + ")")
        params += [param for _, _, arm_params in arms for param in arm_params]
    return " AND ".join(checks), params


def besides_words(words: list[WordArms], ids: Statement) -> Statement:
    """The condition on a product row that its id is one of `ids` and it is none of word_rows' products (those
    matching every word), so that the two add up without repeating a row."""
    checks, params = _every_word(words)
    return f'"catalog_product"."id" IN ({ids[0]}) AND ({checks}) IS NOT TRUE', [*ids[1], *params]


def _all_titles(words: list[tuple[str, ...]]) -> Statement:
    """The condition on a product row that its title holds every word (a term of each)."""
    titles, params = [], []
    for terms in words:
        condition, term_params = _any_like('"catalog_product"."title"', terms)
        titles.append(condition)
        params += term_params
    return " AND ".join(titles), params


def text_query(text: str, corrected: str | None = None) -> Statement:
    """The search's full-text query: the text as typed (websearch syntax), or `corrected`, a tsquery of the words
    as corrected (CORRECTED_QUERY)."""
    return (QUERY, [text]) if corrected is None else (CORRECTED_QUERY, [corrected])


def whole_words(words: list[tuple[str, ...]], query: Statement) -> Statement:
    """The condition on a product row that its title's words match `query` (text_query, TITLE_WORDS) and its title
    holds every word (a term of each): the products ranked above all others (`relevance`), found through the index
    of the titles' words rather than by a substring scan, and read without a second lookup of their rows.

    The title's substring test is written so that no index takes it (`IS TRUE`): PostgreSQL reads the matches of
    the titles' words and tests each title. As an index condition, the generic plan combined the word index with
    the title's trigram index, whose entries for a word's trigrams grow with the catalog however rare the word.
    Read through the whole vector's index (title, SKU and excerpt), four in five matches named the word only in
    the excerpt and were read to be refused: at 100,000 products PostgreSQL spent 1.29 ms of CPU a search on
    average over 1,500 bench searches, 0.49 ms through the titles' words (docs/benchmarks.md, twentieth pass)."""
    titles, params = _all_titles(words)
    return f"{TITLE_WORDS} @@ {query[0]} AND ({titles}) IS TRUE", [*query[1], *params]


def whole_text_ids(query: Statement, text: str) -> Statement:
    """Ids of products whose full-text vector matches `query` (text_query), or whose title nearly holds `text`
    (similar_ids)."""
    full_text, similar = full_text_ids(query), similar_ids(text)
    return f"{full_text[0]} UNION {similar[0]}", [*full_text[1], *similar[1]]


def full_text_ids(query: Statement) -> Statement:
    """Ids of products whose full-text vector matches `query` (text_query)."""
    return f'SELECT "id" FROM "catalog_product" WHERE {VECTOR} @@ {query[0]}', [*query[1]]


def similar_ids(text: str) -> Statement:
    """Ids of products whose title nearly holds `text` (trigram: for a short word, a scan of every title sharing a
    trigram with it).

    The condition names the stored vector, which no title index holds, so that PostgreSQL reads it through the
    trigram index: it cannot tell what the similarity test costs, and would otherwise price an index-only walk of
    an ordering index on the title, testing every title, below it (60 ms instead of 2 at 20,000 products). The
    vector is never null: the condition keeps every row.
    """
    return f'SELECT "id" FROM "catalog_product" WHERE "title" %%> (SELECT %s::text) AND {VECTOR} IS NOT NULL', [text]


def only_similar(words: list[WordArms], query: Statement, text: str, *, visible: str, limit: int) -> Statement:
    """The condition on a product row that only its title's likeness to `text` found it (similar_ids: not every
    word matches it, its full text does not match `query`, nor then its title's words), tested only when such a
    product could reach the page.

    Such a product scores at most n, with n words (a title hit for at most n - 1 of them, the better of rank and
    similarity at most 1: `relevance`), and a product whose title holds every word and shares a trigram with the
    text scores above n. When `limit` visible products are of that kind the similar titles cannot reach the page,
    and PostgreSQL tests the count once, before the arm, and skips it: for a short word the arm read every title
    sharing a trigram with it (8-13 ms of a 20 ms search at 20,000 products, for nothing on the page).
    """
    besides = besides_words(words, similar_ids(text))
    titles = _all_titles([word.terms for word in words])
    room = (
        f'(SELECT COUNT(*) FROM (SELECT 1 FROM "catalog_product" WHERE {titles[0]} AND {visible} '
        f'AND WORD_SIMILARITY((SELECT %s::text), "catalog_product"."title") > 0 LIMIT {int(limit)}) AS "titled") '
        f"< {int(limit)}"
    )
    return (
        f"{besides[0]} AND NOT ({VECTOR} @@ {query[0]}) AND {room}",
        [*besides[1], *query[1], *titles[1], text],
    )


def relevance(words: list[tuple[str, ...]], query: Statement, text: str) -> Statement:
    """catalog.search's ranking: the words (each a tuple of terms) found in the title, one more when the title's
    words match `query` (text_query: the title holds them whole, TITLE_WORDS), plus `closeness`."""
    hits, params = [], []
    for terms in words:
        titles, title_params = _any_like('"catalog_product"."title"', terms)
        hits.append(f"CASE WHEN {titles} THEN 1 ELSE 0 END")
        params += title_params
    whole = f"CASE WHEN {TITLE_WORDS} @@ {query[0]} THEN 1 ELSE 0 END"
    close = closeness(query, text)
    return f"({' + '.join(hits)} + {whole})::double precision + {close[0]}", [*params, *query[1], *close[1]]


def closeness(query: Statement, text: str) -> Statement:
    """The last term of `relevance`: the better of the full text's rank for `query` and the trigram similarity of
    the whole text to the title. The products of `whole_words` all have the same other terms (every word in the
    title, whole), so this alone orders them as `relevance` does, without testing each title again."""
    return (
        f'GREATEST(ts_rank({VECTOR}, {query[0]}), WORD_SIMILARITY((SELECT %s::text), "catalog_product"."title"))',
        [*query[1], text],
    )


def _hit_columns(columns: tuple[str, ...]) -> tuple[str, str]:
    """A hit's selected columns, and the columns its candidates read (those and what the score needs)."""
    selected = ", ".join(f'"catalog_product"."{name}"' for name in columns)
    read = ", ".join(f'"catalog_product"."{name}"' for name in dict.fromkeys((*columns, "title", "search_vector")))
    return selected, read


def ranked(
    *,
    columns: tuple[str, ...],
    score: Statement,
    where: list[Statement],
    visible: str,
    limit: int,
) -> Statement:
    """`columns` and the score of the best `limit` products that meet one of the disjoint conditions `where` and
    `visible` (SQL with its values written in), best first."""
    selected, read = _hit_columns(columns)
    candidates = " UNION ALL ".join(
        f'SELECT {read} FROM "catalog_product" WHERE {condition} AND {visible}' for condition, _ in where
    )
    sql = (
        f'SELECT {selected}, {score[0]} AS "relevance" '
        f'FROM ({candidates} OFFSET 0) AS "catalog_product" ORDER BY "relevance" DESC, "catalog_product"."id" '
        f"LIMIT {int(limit)}"
    )
    where_params = [param for _, params in where for param in params]
    return sql, [*score[1], *where_params]


def ranked_top_first(
    *,
    columns: tuple[str, ...],
    score: Statement,
    where: Statement,
    text: str,
    visible: str,
    limit: int,
) -> Statement:
    """`ranked` over the one condition `where` (whole_words, for a search of one word kept as typed), reading only
    the products it must score.

    Such a product scores 2 + the better of its full-text rank and the text's word similarity to its title
    (`closeness`, the `score` the statement is given), and the rank stays below 1 (every lexeme of the stored
    vector has weight D, 0.1): the best score, 3, is a similarity of 1, the word whole in the title. When `limit`
    products have it, they are the page, the lowest ids first, and they are found by testing the matches in id
    order until `limit` pass; ranking every match worked out rank and similarity for each (~5 µs a row), and a
    word is held by five times as many titles at 100,000 products as at 20,000. When fewer pass, the matches are ranked as `ranked` ranks them. Both in one statement: the second part
    runs only when the first fell short (PostgreSQL tests a condition on a materialized count once, before it)."""
    selected, read = _hit_columns(columns)
    matches = f'SELECT {read} FROM "catalog_product" WHERE {where[0]} AND {visible}'
    top = (
        f'"top" AS MATERIALIZED (SELECT * FROM ({matches} ORDER BY "catalog_product"."id" OFFSET 0) '
        'AS "catalog_product" WHERE WORD_SIMILARITY((SELECT %s::text), "catalog_product"."title") >= 1 '
        f"LIMIT {int(limit)})"
    )
    found = '"found" AS MATERIALIZED (SELECT COUNT(*) AS "count" FROM "top")'
    hit = f'SELECT {selected}, {score[0]} AS "relevance"'
    sql = (
        f'WITH {top}, {found} SELECT * FROM ({hit} FROM "top" AS "catalog_product" '
        f'WHERE (SELECT "count" FROM "found") = {int(limit)} '
        f'UNION ALL ({hit} FROM ({matches} OFFSET 0) AS "catalog_product" '
        f'WHERE (SELECT "count" FROM "found") < {int(limit)} '
        f'ORDER BY "relevance" DESC, "catalog_product"."id" LIMIT {int(limit)})) AS "hits" '
        f'ORDER BY "relevance" DESC, "id" LIMIT {int(limit)}'
    )
    return sql, [*where[1], text, *score[1], *score[1], *where[1]]


def titled_ids(*, active_only: bool, terms: tuple[str, ...], text: str, limit: int) -> Statement:
    """Rows (kind, id) of the best `limit` categories and of the best `limit` brands whose title holds a term or the
    whole text, or nearly holds the text (trigram), most similar first: catalog.search.search_titled."""
    selects, params = [], []
    titles, title_params = _any_like('"title"', tuple(dict.fromkeys((*terms, text))))
    active = '"active" AND ' if active_only else ""
    for kind, table in (("category", "catalog_category"), ("brand", "catalog_brand")):
        selects.append(
            f'(SELECT \'{kind}\', "id" FROM "{table}" WHERE {active}({titles} OR "title" %%> %s) '
            f'ORDER BY WORD_SIMILARITY(%s, "title") DESC, "id" LIMIT {int(limit)})'
        )
        params += [*title_params, text, text]
    return " UNION ALL ".join(selects), params
