"""Imports of products (with variants and stock), customers and coupons from CSV or XLSX, through the services.

Each file is read twice: a dry run (every row goes through its service inside a savepoint that is rolled back,
so validation, sanitising and the service's own refusals all speak) gives the preview and the row errors; only
a preview without errors can be applied. Rows are matched on their key (product and variant SKU, customer
e-mail, coupon code): a row whose values equal what is stored calls no service, so the same file imported twice
changes nothing the second time.
"""

from .coupons import CouponImporter
from .customers import CustomerImporter
from .products import ProductImporter
from .runner import ImportReport, run_import

IMPORTERS = {"products": ProductImporter, "customers": CustomerImporter, "coupons": CouponImporter}

__all__ = ["IMPORTERS", "ImportReport", "run_import"]
