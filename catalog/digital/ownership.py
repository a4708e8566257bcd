"""Who may download and review a product: its owners, its seller and the merchant's staff.

A customer owns a product while a purchase source reports it bought (orders: a paid order containing it, not
canceled, not returned, nothing refunded; see catalog.digital.purchases), or while an Ownership row says so (a
claimed free product or a staff grant). Paid ownership is read from the orders each time rather than copied, so a
refund revokes it with no extra step and a later price change cannot touch it.
"""

from django.db import IntegrityError, transaction

from shopplatform.accounts.services import ensure_customer

from ..exceptions import ProductNotFree
from ..models import Product
from ..queries import is_seller
from .models import Ownership
from .queries import owned_products


def owns_product(*, user, product: Product) -> bool:
    """True when the user bought the product (paid, unrefunded order) or holds an Ownership row for it."""
    if not (user and user.is_authenticated):
        return False
    return owned_products(user=user).filter(pk=product.pk).exists()


def may_download(*, user, product: Product) -> bool:
    """Staff, the product's seller and its owners may download its versions."""
    return (
        bool(user and user.is_staff)
        or is_seller(user=user, product=product)
        or owns_product(user=user, product=product)
    )


@transaction.atomic
def claim_free_product(*, user, product: Product) -> tuple[Ownership, bool]:
    """Take ownership of a free product; return (ownership, created). Claiming twice returns the first claim.

    Raise ProductNotFree (409).
    """
    customer = ensure_customer(user=user)
    existing = Ownership.objects.filter(customer=customer, product=product).first()
    if existing is not None:
        return existing, False
    if not product.is_free:
        raise ProductNotFree("This product is not free; buy it to own it.", param="product_id")
    try:
        with transaction.atomic():
            return Ownership.objects.create(customer=customer, product=product, source=Ownership.Source.CLAIM), True
    except IntegrityError:  # a concurrent claim of the same product by the same customer won
        return Ownership.objects.get(customer=customer, product=product), False
