"""The store route serving a product's attached file (manual, datasheet): /product/<slug>/file.

A public file redirects to its stored original (the CDN or storage URL). A buyers-only file is streamed through
this view, never by its storage URL, and only to staff and to customers with a paid, unrefunded order holding the
product (the purchase sources of catalog.digital.purchases); a visitor who is not signed in is sent to sign in.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from media_library.models import Media
from media_library.renditions import original_url

from .digital.purchases import purchased_product_ids
from .models import Product
from .models.extras import FileAccess
from .queries import page_viewer, visible_products


def bought(*, user, product: Product) -> bool:
    """True when a paid, unrefunded order of the user holds the product."""
    if not (user and user.is_authenticated):
        return False
    return any(
        Product.objects.filter(pk=product.pk, pk__in=product_ids).exists()
        for product_ids in purchased_product_ids(user)
    )


@require_safe
def serve_product_file(request, slug: str):
    """Redirect to a public file; stream a buyers-only one to its buyers and staff (403 to others)."""
    product = get_object_or_404(
        visible_products(page_viewer(request)).select_related("file__duplicate_of"), slug=slug, file__isnull=False
    )
    stored = product.file.stored
    if stored.status != Media.Status.READY or not stored.original.name:
        raise Http404("The file is not ready yet.")
    if product.file_access == FileAccess.PUBLIC:
        return HttpResponseRedirect(original_url(product.file))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff or bought(user=request.user, product=product)):
        raise PermissionDenied("This file is for buyers of the product.")
    response = FileResponse(
        default_storage.open(stored.original.name, "rb"),
        as_attachment=True,
        filename=product.file.original_name or stored.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
