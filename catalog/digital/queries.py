"""Read side of digital products: which versions a caller sees and which products a user owns."""

from django.db.models import Q, QuerySet

from ..models import Product
from .models import Ownership, Version, VersionChannel
from .purchases import purchased_product_ids


def versions_of(product: Product, *, with_beta: bool, with_yanked: bool = False) -> QuerySet[Version]:
    """A product's versions, newest first; yanked ones only when asked, beta only for its seller and staff."""
    versions = Version.objects.filter(product=product).select_related("product")
    if not with_yanked:
        versions = versions.filter(yanked=False)
    if not with_beta:
        versions = versions.filter(channel=VersionChannel.STABLE)
    return versions


def owned_products(*, user) -> QuerySet[Product]:
    """Products the user owns: a claim or staff grant (Ownership), or a purchase a registered source reports
    (catalog.digital.purchases). The one statement of the ownership rule (see catalog.digital.ownership)."""
    condition = Q(pk__in=Ownership.objects.filter(customer__user=user).values("product_id"))
    for product_ids in purchased_product_ids(user):
        condition |= Q(pk__in=product_ids)
    return Product.objects.filter(condition)
