"""The stored public representation of each product (catalog.documents) and its store card (catalog.cards)."""

from django.db import models


class ProductDocument(models.Model):
    """A product's ProductOutput for anonymous callers, as the API's JSON bytes.

    Valid while `version` equals the product's `doc_version` (database triggers raise it on every write to the
    product or to anything it shows) and `context` equals the current rendering context (store money terms, site
    URL, representation code). Anything else is a miss: the reader renders the product again and stores it.
    """

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.BigIntegerField()
    context = models.CharField(max_length=64)
    body = models.BinaryField()

    def __str__(self) -> str:
        return f"document of product {self.product_id} v{self.version}"


class ProductCard(models.Model):
    """A product's card in the store's grids as anonymous visitors in the store's language see it, as HTML.

    Valid while `version` equals the product's `doc_version` and `context` the current card context (catalog.cards:
    money terms, language, site URL, the card's code and templates); anything else is a miss, rendered again.
    """

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.BigIntegerField()
    context = models.CharField(max_length=64)
    html = models.TextField()

    def __str__(self) -> str:
        return f"card of product {self.product_id} v{self.version}"
