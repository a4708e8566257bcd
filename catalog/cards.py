"""Product cards of the store's grids (listings, home page sections, related products, search suggestions).

A card shows the product row, its first image, its brand, its variants' stock and the price for the viewer: all
of it raises the product's `doc_version` when written (catalog.documents.triggers). A card rendered for a context
(wholesale or not, currency, locale, language, site URL, the card's code and templates) is therefore good while
the product's `doc_version` is the one it was rendered at.

The cards every anonymous visitor in the store's language sees are stored next to the products' API
representations (`ProductCard`, written ahead of reads by catalog.prerender, checked against
`doc_version` in the statement that reads them); other contexts are kept in the cache for CARD_SECONDS. Either way
a grid reads its page of keys, fetches the cards in one round trip and renders only the missing ones.
"""

from dataclasses import dataclass
from hashlib import sha256

from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from shopplatform.links import site_url
from shopplatform.money import format_money
from shopplatform.prepared import PreparedQuery
from shopplatform.query_cache import cached_many, keep_many
from shopplatform.store.context_processors import current_store
from shopplatform.store.models import Store

from .availability import availability
from .documents.read import ANONYMOUS, fingerprint
from .models import Product, ProductCard, Variant
from .pricing import unit_price_cents
from .queries import Viewer, page_viewer, visible_products

CARD_SECONDS = 600
CARD_CODE = ("catalog/cards.py", "catalog/availability.py", "catalog/pricing.py", "catalog/models/products.py")
CARD_TEMPLATES = ("templates/catalog/_card.html", "templates/catalog/_price.html", "templates/catalog/_no_image.html")


@dataclass(frozen=True)
class PriceTag:
    """A price as the buyer sees it: what it sells for, the regular price when lower, or "on request"."""

    price: str = ""
    was: str = ""
    percent: int | None = None
    on_request: bool = False
    free: bool = False


def price_tag(product: Product, variant: Variant | None, *, viewer: Viewer, currency: str, locale: str) -> PriceTag:
    if product.price_on_request or (variant is not None and variant.price_on_request):
        return PriceTag(on_request=True)
    if product.is_free:
        return PriceTag(price=format_money(0, currency, locale), free=True)
    selling = unit_price_cents(product, variant, wholesale=viewer.sees_wholesale)
    regular = variant.effective_price_cents(product) if variant else product.price_cents
    if selling >= regular:
        return PriceTag(price=format_money(selling, currency, locale))
    percent = (regular - selling) * 100 // regular if product.promo_show_percentage and regular else None
    return PriceTag(format_money(selling, currency, locale), format_money(regular, currency, locale), percent)


def card_products(viewer: Viewer):
    """Product rows for grids: brand, images and variants (for availability; three queries whatever the page size)."""
    return visible_products(viewer).select_related("brand").prefetch_related("images", "variants")


def build_cards(products, *, viewer: Viewer, store: Store) -> list[dict]:
    """Products with their display price, first image and availability, for grids."""
    return [
        {
            "product": product,
            "image": next(iter(product.images.all()), None),
            "price": price_tag(product, None, viewer=viewer, currency=store.currency, locale=store.locale),
            "availability": availability(product, None, list(product.variants.all())),
        }
        for product in products
    ]


def product_cards(request, products) -> list[dict]:
    """build_cards for the request's viewer and store."""
    return build_cards(products, viewer=page_viewer(request), store=current_store(request))


@dataclass(frozen=True)
class CardContext:
    """What a card shows besides its product."""

    viewer: Viewer
    store: Store
    language: str
    base: str

    @property
    def key(self) -> str:
        code = fingerprint(*CARD_CODE, *CARD_TEMPLATES)
        terms = (self.viewer.sees_wholesale, self.store.currency, self.store.locale, self.language, self.base, code)
        return sha256(repr(terms).encode()).hexdigest()[:32]

    @property
    def stored(self) -> bool:
        """Whether these cards are the stored ones: anonymous visitors in the store's language."""
        return self.viewer == ANONYMOUS and self.language == settings.LANGUAGE_CODE

    @classmethod
    def of(cls, request) -> "CardContext":
        return cls(page_viewer(request), current_store(request), translation.get_language(), site_url())

    @classmethod
    def anonymous(cls) -> "CardContext":
        return cls(ANONYMOUS, Store.cached(), settings.LANGUAGE_CODE, site_url())


class CardGrid(list):
    """A grid's cards in order, {"html": fragment} each, and `list_items`: the grid's list items as one fragment, which
    catalog/_grid.html prints (a template loop over 24 cards took 127 us, the joined fragment 43 us)."""

    @property
    def list_items(self) -> SafeString:
        return _safe("".join(f"<li>{card['html']}</li>" for card in self))


def grid_cards(request, products) -> CardGrid:
    """Cards of `products` (a queryset, maybe sliced) in order, as {"html": fragment}, rendering only the ones not
    stored or cached yet. A cache that is down only costs the shortcut."""
    return cards_of(request, list(products.select_related(None).prefetch_related(None).values_list("pk", flat=True)))


def cards_of(request, pks: list[int]) -> CardGrid:
    """grid_cards for products given by key, in that order. A product the viewer can no longer see has no current
    card (hiding it is a write, which raises its `doc_version`) and is left out."""
    if not pks:
        return CardGrid()
    found = cards_html(pks, CardContext.of(request))
    return CardGrid({"html": _safe(found[pk])} for pk in pks if pk in found)


# Stored cards by key, current ones only: a grid's one query, compiled once per page size (shopplatform.prepared).
STORED_CARDS = PreparedQuery(
    lambda slots: ProductCard.objects.filter(
        product_id__in=slots.numbers("pks"), context=slots.text("key"), version=F("product__doc_version")
    ).values_list("product_id", "html")
)


def cards_html(pks: list[int], context: CardContext) -> dict[int, str]:
    """The cards of `pks` by key, read where they are kept and rendered (and kept) where missing."""
    if context.stored:
        found = dict(STORED_CARDS.rows(pks=pks, key=context.key))
        missing = [pk for pk in pks if pk not in found]
        if missing:
            found.update(store_cards(missing, context))
        return found
    versions = dict(Product.objects.filter(pk__in=pks).values_list("pk", "doc_version"))
    keys = {pk: f"card:{context.key}:{pk}:{version}" for pk, version in versions.items()}
    cached = cached_many(list(keys.values()))
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        rendered = _render(missing, context)
        keep_many({keys[pk]: html for pk, (_, html) in rendered.items()}, CARD_SECONDS)
        found.update({pk: html for pk, (_, html) in rendered.items()})
    return found


def store_cards(pks: list[int], context: CardContext) -> dict[int, str]:
    """Render the stored cards of `pks` and store them, each with the `doc_version` of the row it was rendered from
    (a write committed meanwhile leaves it stale, never wrong)."""
    rendered = _render(pks, context)
    ProductCard.objects.bulk_create(
        [
            ProductCard(product_id=pk, version=version, context=context.key, html=html)
            for pk, (version, html) in rendered.items()
        ],
        update_conflicts=True,
        unique_fields=["product"],
        update_fields=["version", "context", "html"],
    )
    return {pk: html for pk, (_, html) in rendered.items()}


def _render(pks: list[int], context: CardContext) -> dict[int, tuple[int, str]]:
    products = card_products(context.viewer).filter(pk__in=pks)
    with translation.override(context.language):
        return {
            card["product"].pk: (card["product"].doc_version, render_to_string("catalog/_card.html", {"card": card}))
            for card in build_cards(products, viewer=context.viewer, store=context.store)
        }


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when it was rendered)
