"""Category pages' products in their offered orderings, kept by the database (catalog.documents.shelves)."""

from django.db import models

# The store's sorts (catalog.views.SORTS) as orders of a category's entries, ties broken as the product list
# breaks them (catalog.filters.StableOrderingFilter); each has an index, walked backwards for the descending sorts.
SHELF_ORDERINGS = {
    "position": ["position", "-created_at", "-product"],
    "price": ["price_cents", "product"],
    "title": ["title", "product"],
    "created": ["created_at", "product"],
}


class ShelfEntry(models.Model):
    """A public product as a category's page lists it: one row per category holding the product directly or
    through a subcategory, with the product's sort keys and brand copied, so a page in any offered ordering is an index-only
    walk of that category's entries which stops at the page, however large the catalog and the category.

    Written by database triggers only (catalog.documents.shelves, PostgreSQL): the product's writes, its category
    links and moves in the category tree keep it in the same transaction. Django never writes it, hence no
    constraints or cascades of its own.
    """

    category = models.ForeignKey("catalog.Category", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    product = models.ForeignKey("catalog.Product", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    brand = models.ForeignKey(  # for the page's brand choices (the index below)
        "catalog.Brand", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    position = models.IntegerField()
    created_at = models.DateTimeField()
    price_cents = models.BigIntegerField()
    title = models.CharField(max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "product"], name="shelf_entry_once")]
        indexes = [
            *(
                models.Index(fields=["category", *fields], name=f"shelf_{name}")
                for name, fields in SHELF_ORDERINGS.items()
            ),
            models.Index(fields=["category", "brand"], name="shelf_brands"),
        ]

    def __str__(self) -> str:
        return f"product {self.product_id} on the shelf of category {self.category_id}"
