"""How search compares text: accents folded off, and pg_trgm's trigrams."""

import re
import unicodedata

ASCII_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: "Decoração" → "decoracao"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of the ASCII words of `text` (lower-cased): each word padded with two spaces before and one
    after, every three characters in a row."""
    found = set()
    for word in ASCII_WORD.findall(text.lower()):
        padded = f"  {word} "
        found.update(padded[index : index + 3] for index in range(len(padded) - 2))
    return found
