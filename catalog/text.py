"""Text fields of the catalog: sanitized HTML descriptions, plain-text excerpts, transliterated slugs."""

import html

import nh3
from django.utils.text import Truncator, slugify

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "span", "u", "s"}
EXCERPT_LENGTH = 200
META_DESCRIPTION_LENGTH = 140
SLUG_MAX_LENGTH = 200


def sanitize_html(value: str) -> str:
    """Keep formatting tags and safe links; drop scripts, event handlers and styles."""
    return nh3.clean(value or "", tags=ALLOWED_TAGS, link_rel="noopener noreferrer").strip()


def plain_text(value: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())


def truncate(value: str, length: int) -> str:
    """Cut plain text at a word boundary, ending with an ellipsis when cut."""
    return Truncator(value).chars(length, truncate="…")


def slug_base(title: str) -> str:
    """Transliterate to ASCII ("Decoração" → "decoracao"); fall back to "item" for scripts slugify drops."""
    return slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "item"
