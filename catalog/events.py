"""product.* webhook events; the payload is the product as a staff key sees it in the API."""

from shopplatform.events import emit_event

from .models import Product
from .queries import Viewer, products_for
from .representations.context import product_context
from .representations.products import ProductOutput


def product_payload(product: Product) -> dict:
    fresh = products_for(Viewer.staff_viewer()).get(pk=product.pk)
    return ProductOutput(fresh, context=product_context(Viewer.staff_viewer())).data


def emit_product_event(event_type: str, product: Product, *, payload: dict | None = None) -> None:
    """Write the event in the caller's transaction (the outbox delivers it once that commits)."""
    emit_event(event_type, obj=payload if payload is not None else product_payload(product))


def emit_low_stock(product: Product, *, variant_id: str | None, quantity: int, threshold: int) -> None:
    emit_event(
        "product.low_stock",
        obj={
            "id": product.public_id,
            "title": product.title,
            "sku": product.sku,
            "variant_id": variant_id,
            "stock_quantity": quantity,
            "stock_notify": threshold,
        },
    )
