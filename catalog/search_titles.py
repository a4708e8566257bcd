"""Whether any category or brand title could answer a search, told in the process so that most searches skip the
statement that looks for them (catalog.search_sql.titled_ids).

That statement finds the titles holding a term or the whole text (`UPPER(title) LIKE UPPER('%term%')`) and the
titles near the text by pg_trgm (`title %> text`: word_similarity(text, title) at least its threshold). Most
searches name no category or brand, yet each paid for the statement: 0.3-0.4 ms at 100,000 products, a twelfth of
a search. `may_name_titles` answers False only when no title can match:

- no upper-cased title holds an upper-cased term (Python's upper case maps at least what PostgreSQL's does);
- no title shares enough of the text's trigrams. pg_trgm's word similarity is the trigrams of the text found in
  the best stretch of the title, over the text's trigrams plus the stretch's others, so it is at most the share of
  the text's trigrams found anywhere in the title. The trigrams are pg_trgm's: each word (a run of letters and
  digits, lower-cased) padded with two spaces before and one after, every three characters in a row.

It answers only for text and terms in ASCII (True otherwise), and reads each title's trigrams from its ASCII
letters and digits, accents folded off (catalog.search_text.fold): that finds every ASCII trigram pg_trgm finds in
it, so the share is never under pg_trgm's. (pg_trgm keeps a trigram of wider characters as a 3-byte checksum, which could equal an ASCII
trigram by chance; a title near the text only through such a coincidence is left out.)

The titles are every category's and brand's, active or not, kept by the process like the category tree
(shopplatform.process_copy: re-read every few seconds, at once after this process writes one).
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from shopplatform.process_copy import ProcessCopy

from .models import Brand, Category
from .search_text import fold, trigrams

# pg_trgm.word_similarity_threshold, which the project leaves at pg_trgm's default (a test compares them).
WORD_SIMILARITY_THRESHOLD = 0.6
SEPARATOR = "\x00"  # between the joined titles: no term holds it (a text that does is not told)


@dataclass(frozen=True)
class NamedTitles:
    """Every category's and brand's title: upper-cased and joined, and by trigram."""

    joined: str
    holding: dict[str, list[int]]  # trigram -> the titles (by position) holding it

    @classmethod
    def of(cls, titles: list[str]) -> "NamedTitles":
        holding: dict[str, list[int]] = {}
        for position, title in enumerate(titles):
            for trigram in trigrams(fold(title)):
                holding.setdefault(trigram, []).append(position)
        return cls(joined=SEPARATOR.join(title.upper() for title in titles), holding=holding)


def _read_named_titles() -> NamedTitles:
    return NamedTitles.of(
        [*Category.objects.values_list("title", flat=True), *Brand.objects.values_list("title", flat=True)]
    )


NAMED_TITLES = ProcessCopy(_read_named_titles)  # watched in catalog.apps


def may_name_titles(terms: tuple[str, ...], text: str) -> bool:
    """False when no category or brand title can hold a term or the text, nor be near the text (see the module's
    docstring); True when one might, when the text or a term is not ASCII, or when the process keeps no copies
    (STORE_SETTINGS_CACHE_SECONDS = 0)."""
    if settings.STORE_SETTINGS_CACHE_SECONDS <= 0:  # no copy kept: reading every title would cost more
        return True
    wanted = (*terms, text)
    if not all(item.isascii() and SEPARATOR not in item for item in wanted):
        return True
    named = NAMED_TITLES.get()
    if any(item.upper() in named.joined for item in wanted):
        return True
    own = trigrams(text)
    if not own:
        return False
    shared = Counter(position for trigram in own for position in named.holding.get(trigram, ()))
    # A hair under the threshold: pg_trgm compares in single precision.
    return any(count / len(own) >= WORD_SIMILARITY_THRESHOLD - 1e-6 for count in shared.values())
