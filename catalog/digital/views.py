"""Store pages of digital products: claiming a free product, and the account's downloads.

Claims and downloads go through catalog.digital (ownership, services) exactly as the API's do.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from shopplatform.errors import ShopError

from ..models import Product
from ..pages import public_product
from ..queries import page_viewer, visible_products
from . import ownership
from . import services as digital_services
from .downloads import download_url
from .models import Version, VersionChannel
from .queries import owned_products, versions_of


@login_required
@require_POST
def claim(request, slug: str):
    """Take a free product (ownership.claim_free_product) and send the buyer to their downloads."""
    product = public_product(request, slug)
    try:
        _, created = ownership.claim_free_product(user=request.user, product=product)
    except ShopError as exc:
        messages.error(request, exc.detail)
        return redirect("catalog:product", slug=product.slug)
    messages.success(request, f"{product.title} is yours." if created else f"You already own {product.title}.")
    return redirect("catalog:downloads")


@login_required
def downloads(request):
    """The buyer's digital products with their downloadable (stable, not yanked) versions, newest release first."""
    downloadable = Version.objects.filter(yanked=False, channel=VersionChannel.STABLE)
    products = (
        owned_products(user=request.user)
        .filter(pk__in=downloadable.values("product_id"))
        .select_related("digital")
        .prefetch_related(Prefetch("versions", queryset=downloadable, to_attr="downloadable_versions"))
        .order_by("title", "pk")
    )
    rows = [
        {
            "product": product,
            "versions": sorted(product.downloadable_versions, key=lambda version: version.precedence, reverse=True),
        }
        for product in products
    ]
    return render(request, "account/downloads.html", {"rows": rows})


@login_required
@require_safe
def download(request, slug: str, version_id: str):
    """Check ownership, count the download and redirect to the file's 60-second signed URL (as the API does)."""
    product = Product.objects.select_related("seller").filter(slug=slug).first()
    if product is None:
        raise Http404("No such product.")
    if not ownership.may_download(user=request.user, product=product):
        if not visible_products(page_viewer(request)).filter(pk=product.pk).exists():
            raise Http404("No such product.")
        raise PermissionDenied("Buy this product (or claim it if it is free) to download it.")
    manager = request.user.is_staff or ownership.is_seller(user=request.user, product=product)
    version = versions_of(product, with_beta=manager).filter(public_id=version_id).first()
    if version is None:
        raise Http404("No such version.")
    digital_services.record_download(version=version)
    response = HttpResponseRedirect(download_url(version=version, request=request))
    response["Cache-Control"] = "private, no-store"  # the signed URL must not outlive its 60 seconds in a cache
    return response
