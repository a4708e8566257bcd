"""PostgreSQL statements of catalog.search: its conditions written once as SQL, every typed word a bound parameter.

Compiling the same compound query through the ORM cost more than PostgreSQL took to answer it. Each function
returns `(sql, params)`. Substring matches are written as Django writes `icontains`, `UPPER(col::text) LIKE
UPPER(%s)`, and the full-text vector as catalog.search.SEARCH_VECTOR: the indexes of migrations 0002 and 0014 are
built on those expressions, and PostgreSQL uses an index only for the expression it was built on.
"""

# ruff: noqa: S608  (the SQL is built from the constants below; nothing of a request reaches it but parameters)

from dataclasses import dataclass

from django.db import connection

Statement = tuple[str, list | tuple]

LIKE = "UPPER({column}::text) LIKE UPPER(%s)"
VECTOR = (
    "to_tsvector('simple'::regconfig, COALESCE(\"catalog_product\".\"title\", '') || ' ' || "
    'COALESCE("catalog_product"."sku", \'\') || \' \' || COALESCE("catalog_product"."excerpt", \'\'))'
)
QUERY = "websearch_to_tsquery('simple'::regconfig, %s)"
RANKED_VECTOR = '"catalog_product"."vector"'  # VECTOR, worked out once per candidate by `ranked`


@dataclass(frozen=True)
class WordArms:
    """What one planned word matches: substrings of titles and tags, and the brands and categories it names."""

    terms: tuple[str, ...]
    brands: list[int]
    categories: list[int]  # with every category below them


def _any_like(column: str, terms: tuple[str, ...]) -> Statement:
    condition = " OR ".join(LIKE.format(column=column) for _ in terms)
    return f"({condition})", [f"%{connection.ops.prep_for_like_query(term)}%" for term in terms]


def word_ids(words: list[WordArms]) -> Statement:
    """Ids of products matching every word: (word 1's arms) INTERSECT (word 2's arms)…, each arm an index read."""
    selects, params = [], []
    for word in words:
        titles, title_params = _any_like('"title"', word.terms)
        tags, tag_params = _any_like('"name"', word.terms)
        arms = [
            f'SELECT "id" FROM "catalog_product" WHERE {titles}',
            f'SELECT "product_id" FROM "catalog_producttag" WHERE {tags}',
        ]
        params += [*title_params, *tag_params]
        if word.brands:
            arms.append('SELECT "id" FROM "catalog_product" WHERE "brand_id" = ANY(%s)')
            params.append(word.brands)
        if word.categories:
            arms.append('SELECT "product_id" FROM "catalog_product_categories" WHERE "category_id" = ANY(%s)')
            params.append(word.categories)
        selects.append("(" + " UNION ".join(arms) + ")")
    return " INTERSECT ".join(selects), params


def whole_words(words: list[tuple[str, ...]], text: str) -> Statement:
    """The condition on a product row that its full-text vector matches `text` and its title holds every word (a
    term of each): the products ranked above all others (`relevance`), found through the full-text index rather
    than by a substring scan, and read without a second lookup of their rows."""
    titles, params = [], []
    for terms in words:
        condition, term_params = _any_like('"catalog_product"."title"', terms)
        titles.append(condition)
        params += term_params
    return f"{VECTOR} @@ {QUERY} AND {' AND '.join(titles)}", [text, *params]


def among(ids: Statement) -> Statement:
    """The condition on a product row that its id is one of `ids`."""
    return f'"catalog_product"."id" IN ({ids[0]})', ids[1]


def whole_text_ids(text: str, *, similar_titles: bool = True) -> Statement:
    """Ids of products whose full-text vector matches `text`, or (`similar_titles`) whose title nearly holds it
    (trigram: for a short word, a scan of every title sharing a trigram with it)."""
    full_text = f'SELECT "id" FROM "catalog_product" WHERE {VECTOR} @@ {QUERY}'
    if not similar_titles:
        return full_text, [text]
    return f'{full_text} UNION SELECT "id" FROM "catalog_product" WHERE "title" %%> %s', [text, text]


def relevance(words: list[tuple[str, ...]], text: str) -> Statement:
    """catalog.search's ranking: the words (each a tuple of terms) found in the title, one more when the full text
    matches (whole words), plus the better of full-text rank and trigram similarity of the whole text."""
    hits, params = [], []
    for terms in words:
        titles, title_params = _any_like('"catalog_product"."title"', terms)
        hits.append(f"CASE WHEN {titles} THEN 1 ELSE 0 END")
        params += title_params
    whole = f"CASE WHEN {RANKED_VECTOR} @@ {QUERY} THEN 1 ELSE 0 END"
    similarity = f'GREATEST(ts_rank({RANKED_VECTOR}, {QUERY}), WORD_SIMILARITY(%s, "catalog_product"."title"))'
    return f"({' + '.join(hits)} + {whole})::double precision + {similarity}", [*params, text, text, text]


def ranked(
    *, columns: tuple[str, ...], score: Statement, where: Statement, visible: Statement, limit: int, stored: str | None
) -> Statement:
    """`columns`, the score and the stored representation (catalog.documents; null when `stored`, its context, is
    None or it is stale) of the best `limit` products that meet `where` and `visible`, best first.

    The stored body is a subquery of the select list: PostgreSQL reads it after the limit, for `limit` rows only.
    The candidates' full-text vector, which the score reads twice, is worked out once each in a subquery that
    `OFFSET 0` keeps PostgreSQL from merging into the outer query (which would work it out twice again).
    """
    selected = ", ".join(f'"catalog_product"."{name}"' for name in columns)
    read = ", ".join(f'"catalog_product"."{name}"' for name in dict.fromkeys((*columns, "title", "doc_version")))
    body = (
        '(SELECT "body" FROM "catalog_productdocument" WHERE "product_id" = "catalog_product"."id" '
        'AND "context" = %s AND "version" = "catalog_product"."doc_version")'
        if stored
        else "NULL"
    )
    candidates = (
        f'SELECT {read}, {VECTOR} AS "vector" FROM "catalog_product" WHERE {where[0]} AND {visible[0]} OFFSET 0'
    )
    sql = (
        f'SELECT {selected}, {score[0]} AS "relevance", {body} AS "stored" FROM ({candidates}) AS "catalog_product" '
        'ORDER BY "relevance" DESC, "catalog_product"."id" LIMIT %s'
    )
    return sql, [*score[1], *([stored] if stored else []), *where[1], *visible[1], limit]


def titled_ids(*, active_only: bool, terms: tuple[str, ...], text: str, limit: int) -> Statement:
    """Rows (kind, id) of the best `limit` categories and of the best `limit` brands whose title holds a term or the
    whole text, or nearly holds the text (trigram), most similar first: catalog.search.search_titled."""
    selects, params = [], []
    titles, title_params = _any_like('"title"', tuple(dict.fromkeys((*terms, text))))
    active = '"active" AND ' if active_only else ""
    for kind, table in (("category", "catalog_category"), ("brand", "catalog_brand")):
        selects.append(
            f'(SELECT \'{kind}\', "id" FROM "{table}" WHERE {active}({titles} OR "title" %%> %s) '
            'ORDER BY WORD_SIMILARITY(%s, "title") DESC, "id" LIMIT %s)'
        )
        params += [*title_params, text, text, limit]
    return " UNION ALL ".join(selects), params
