"""What is stored of each product for anonymous readers: its API representation (catalog.documents) and its store
card (catalog.cards), each good while the product's `doc_version` is the one it was made at."""

from django.db import models


class StoredForProduct(models.Model):
    """Something made from a product for a context, valid while `version` equals the product's `doc_version`
    (database triggers raise it on every write to the product or to anything it shows) and `context` is the
    current one. Anything else is a miss: the reader makes it again and stores it."""

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.BigIntegerField()
    context = models.CharField(max_length=64)

    class Meta:
        abstract = True


class ProductDocument(StoredForProduct):
    """A product's ProductOutput for anonymous callers, as the API's JSON text. The context: the store's money
    terms, the site URL, the representation code."""

    body = models.TextField()  # text, not bytes: PostgreSQL sends bytea in hex (catalog migration 0019)

    def __str__(self) -> str:
        return f"document of product {self.product_id} v{self.version}"


class ProductCard(StoredForProduct):
    """A product's card in the store's grids as anonymous visitors in the store's language see it, as HTML. The
    context (catalog.cards): money terms, language, site URL, the card's code and templates."""

    html = models.TextField()

    def __str__(self) -> str:
        return f"card of product {self.product_id} v{self.version}"


class ListingChange(models.Model):
    """One committed change to what the anonymous product list shows or its order (catalog.documents.marks): a
    product added or removed, or its visibility or a sort key changed. Written by PostgreSQL triggers; rows are
    folded into one now and then, keeping their sum. SQLite keeps no marks and the table stays empty."""

    changes = models.BigIntegerField(default=1)

    def __str__(self) -> str:
        return f"listing change {self.pk} (+{self.changes})"
