"""Product cards of the store's grids (listings, home page sections, related products), as cached HTML fragments.

A card shows the product row, its first image, its brand, its variants' stock and the price for the viewer: all
of it raises the product's `doc_version` when written (catalog.documents.triggers). So a card's fragment is keyed
by the product's key and `doc_version`, with what else it depends on (wholesale or not, currency, locale,
language, site URL, the card templates' code): a grid reads its page of `pk, doc_version`, fetches the fragments
in one cache round trip and renders only the missing ones, with their rows, prefetches and template.
"""

from functools import cache
from hashlib import sha256
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from shopplatform.links import site_url
from shopplatform.query_cache import cached_many, keep_many
from shopplatform.store.context_processors import current_store

from .queries import page_viewer

CARD_SECONDS = 600
CARD_TEMPLATES = ("catalog/_card.html", "catalog/_price.html", "catalog/_no_image.html")


@cache
def _templates_fingerprint() -> str:
    digest = sha256()
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for name in CARD_TEMPLATES:
            path = Path(directory) / name
            if path.exists():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _context_key(request) -> str:
    store = current_store(request)
    viewer = page_viewer(request)
    terms = (viewer.sees_wholesale, store.currency, store.locale, get_language(), site_url(), _templates_fingerprint())
    return sha256(repr(terms).encode()).hexdigest()[:16]


def cached_cards(request, products, build_cards) -> list[dict]:
    """Cards of `products` (a queryset, maybe sliced) in order, as {"html": fragment}; `build_cards(request, pks)`
    builds the card dicts of the missing ones (catalog.views). A cache that is down only costs the shortcut."""
    rows = list(products.select_related(None).prefetch_related(None).only("pk", "doc_version"))
    if not rows:
        return []
    prefix = f"card:{_context_key(request)}:"
    keys = {row.pk: f"{prefix}{row.pk}:{row.doc_version}" for row in rows}
    found = cached_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        rendered = {
            keys[card["product"].pk]: render_to_string("catalog/_card.html", {"card": card})
            for card in build_cards(request, missing)
        }
        keep_many(rendered, CARD_SECONDS)
        found.update(rendered)
    return [{"html": _safe(found[keys[row.pk]])} for row in rows if keys[row.pk] in found]


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when it was rendered)
