"""Write products' stored representations and cards ahead of reads: on a schedule, after a seed, from a command.

Reads never depend on this: catalog.documents.read renders a missing or stale body itself, and its version check
keeps an old body out. Refreshing ahead moves that rendering off the request path, so the first visitor after a
write is served a stored body too. Database triggers raise a product's `doc_version` on every write it shows
(catalog.documents.triggers); a product is due when no body with its current version and context is stored.
"""

from django.db.models import Exists, OuterRef

from .cards import CardContext, store_cards
from .documents.read import ANONYMOUS, context_key, render
from .models import ProductCard, ProductDocument
from .queries import visible_products
from .representations.context import product_context

BATCH = 200


def due_products() -> list[int]:
    """Keys of the products anonymous callers see whose stored body or card is missing, stale or of another context."""
    current = {"product": OuterRef("pk"), "version": OuterRef("doc_version")}
    body = ProductDocument.objects.filter(context=context_key(product_context(ANONYMOUS)), **current)
    card = ProductCard.objects.filter(context=CardContext.anonymous().key, **current)
    due = visible_products(ANONYMOUS).exclude(Exists(body) & Exists(card))
    return list(due.order_by("pk").values_list("pk", flat=True))


def refresh_documents() -> int:
    """Render and store the body and card of every product due, in batches; return how many were written. A
    product written again meanwhile is due again at the next run (its new version is not the one stored)."""
    context = product_context(ANONYMOUS)
    key = context_key(context)
    cards = CardContext.anonymous()
    due = due_products()
    for start in range(0, len(due), BATCH):
        batch = due[start : start + BATCH]
        render(batch, context, key)
        store_cards(batch, cards)
    return len(due)
