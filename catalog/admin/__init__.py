"""Back-office for the catalog. Every write goes through catalog.services, as the API's do, so the same
sanitising, validation and product.* events happen; a refusal comes back as a form error (ServiceAdminMixin).

Importing the modules registers their screens: products (products.py, with its form and inlines), option groups
and variants (variants.py), categories, brands and sellers (taxonomy.py). The product page also shows the
sub-domains' inlines (digital listing and versions, passports); importing their admin modules registers their own
screens, reviews' included.
"""

from ..reviews import admin as reviews_admin  # noqa: F401 (registers the review moderation screen)
from . import products, taxonomy, variants

__all__ = ["products", "taxonomy", "variants"]
