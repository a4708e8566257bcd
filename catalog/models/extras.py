"""Product extras of seed 003: custom fields, tabs, the attached file's access rule and the VAT rate choices.

Wire formats (stored as JSON on the product, rendered as is):
  custom_fields  [{"name": "Material", "value": "Stoneware"}, ...]   ordered; plain text
  tabs           [{"title": "Care", "content": "<p>…</p>"}, ...]      ordered; content is sanitised HTML

VAT rate choices (`reduced_rate`): the store's rates besides the standard one, Portugal mainland's (CIVA art. 18):
"intermediate" 13 % and "reduced" 6 %. Choosing one sets the product's `tax_rate_bp`, which carts and checkout
price with; order lines keep the choice's name for the invoice (orders.OrderLine.reduced_rate).
"""

from django.db import models

MAX_CUSTOM_FIELDS = 50
MAX_TABS = 10
CUSTOM_FIELD_NAME_LENGTH = 100
CUSTOM_FIELD_VALUE_LENGTH = 1000
TAB_TITLE_LENGTH = 100
TAB_CONTENT_LENGTH = 100_000


class ReducedRate(models.TextChoices):
    INTERMEDIATE = "intermediate", "Intermediate rate (13 %)"
    REDUCED = "reduced", "Reduced rate (6 %)"


REDUCED_RATES_BP = {ReducedRate.INTERMEDIATE: 1300, ReducedRate.REDUCED: 600}


class FileAccess(models.TextChoices):
    PUBLIC = "public", "Anyone"
    BUYERS = "buyers", "Buyers only (a paid order with the product)"
