"""Write products' stored representations ahead of reads: on a schedule, after a seed or an import, from a command.

Reads never depend on this: catalog.documents.read renders a missing or stale body itself, and its version check
keeps an old body out. Refreshing ahead moves that rendering off the request path, so the first visitor after a
write is served a stored body too. Database triggers raise a product's `doc_version` on every write it shows
(catalog.documents.triggers); a product is due when no body with its current version and context is stored.
"""

from django.db.models import Exists, OuterRef

from ..models import ProductDocument
from ..queries import visible_products
from ..representations.context import product_context
from .read import ANONYMOUS, context_key, render

BATCH = 200


def due_products() -> list[int]:
    """Keys of the products anonymous callers see whose stored body is missing, stale or of another context."""
    key = context_key(product_context(ANONYMOUS))
    current = ProductDocument.objects.filter(product=OuterRef("pk"), context=key, version=OuterRef("doc_version"))
    return list(visible_products(ANONYMOUS).exclude(Exists(current)).order_by("pk").values_list("pk", flat=True))


def refresh_documents() -> int:
    """Render and store the body of every product due, in batches; return how many were written. A product
    written again meanwhile is due again at the next run (its new version is not the one stored)."""
    context = product_context(ANONYMOUS)
    key = context_key(context)
    due = due_products()
    for start in range(0, len(due), BATCH):
        render(due[start : start + BATCH], context, key)
    return len(due)
