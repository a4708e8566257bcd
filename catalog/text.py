"""Text fields of the catalog: sanitized HTML descriptions, plain-text excerpts, transliterated slugs."""

import html

import nh3
from django.utils.text import Truncator, slugify

from shopplatform.html import ALLOWED_TAGS, sanitize_html

__all__ = ["ALLOWED_TAGS", "plain_text", "sanitize_html", "slug_base", "truncate"]

EXCERPT_LENGTH = 200
META_DESCRIPTION_LENGTH = 140
SLUG_MAX_LENGTH = 200


def plain_text(value: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())


def truncate(value: str, length: int) -> str:
    """Cut plain text at a word boundary, ending with an ellipsis when cut."""
    return Truncator(value).chars(length, truncate="…")


def slug_base(title: str) -> str:
    """Transliterate to ASCII ("Decoração" → "decoracao"); fall back to "item" for scripts slugify drops."""
    return slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "item"
