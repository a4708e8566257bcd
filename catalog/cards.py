"""Product cards of the store's grids (listings, home page sections, related products), as cached HTML fragments.

A card shows the product row, its first image, its brand, its variants' stock and the price for the viewer: all
of it raises the product's `doc_version` when written (catalog.documents.triggers). So a card's fragment is keyed
by the product's key and `doc_version`, with what else it depends on (wholesale or not, currency, locale,
language, site URL, the card templates' code): a grid reads its page of `pk, doc_version`, fetches the fragments
in one cache round trip and renders only the missing ones, with their rows, prefetches and template.
"""

from contextlib import suppress
from functools import cache
from hashlib import sha256
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from shopplatform.links import site_url
from shopplatform.store.context_processors import current_store

from .queries import page_viewer

CARD_SECONDS = 600
# A cache that is down (Redis restarting) only costs the grid its shortcut: every card is rendered.
CACHE_DOWN = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)
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
    """Cards of `products` (a queryset, maybe sliced) in order, as {"html": fragment}; `build_cards(request,
    queryset)` builds the card dicts of the missing ones (catalog.views.product_cards)."""
    rows = list(products.select_related(None).prefetch_related(None).only("pk", "doc_version"))
    if not rows:
        return []
    prefix = f"card:{_context_key(request)}:"
    keys = {row.pk: f"{prefix}{row.pk}:{row.doc_version}" for row in rows}
    try:
        found = shared_cache.get_many(list(keys.values()))
    except CACHE_DOWN:
        found = {}
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        full = products.model.objects.filter(pk__in=missing)
        rendered = {}
        for card in build_cards(request, _with_card_relations(full)):
            html = render_to_string("catalog/_card.html", {"card": card})
            rendered[keys[card["product"].pk]] = html
        with suppress(*CACHE_DOWN):
            shared_cache.set_many(rendered, CARD_SECONDS)
        found.update(rendered)
    return [{"html": _safe(found[keys[row.pk]])} for row in rows if keys[row.pk] in found]


def _with_card_relations(products):
    return products.select_related("brand").prefetch_related("images", "variants")


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when it was rendered)
