"""An exported file imported again changes nothing: the export is the import format."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shopplatform.backoffice.jobs import services
from shopplatform.backoffice.jobs.storage import job_storage
from tests.factories import CouponFactory, CustomerFactory

from .test_customer_and_coupon_import import ANA
from .test_product_import import ROWS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exported_products_with_variants_import_as_unchanged(preview_and_import, run_jobs, file_format):
    preview_and_import("products", ROWS)

    preview = _reimport(run_jobs, "products", file_format)

    assert preview.errors == []
    assert preview.counts == {"new": 0, "updated": 0, "unchanged": 2, "failed": 0}


def test_exported_customers_and_coupons_import_as_unchanged(preview_and_import, run_jobs):
    preview_and_import("customers", [ANA])
    CustomerFactory(email="bo@example.com", name="Bo")
    CouponFactory(code="TEN", value=10, limit=5)

    assert _reimport(run_jobs, "customers", "csv").counts == {"new": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert _reimport(run_jobs, "coupons", "csv").counts == {"new": 0, "updated": 0, "unchanged": 1, "failed": 0}


def _reimport(run_jobs, subject: str, file_format: str):
    export = run_jobs(services.start_export, subject=subject, file_format=file_format)
    with job_storage().open(export.result_name, "rb") as file:
        upload = SimpleUploadedFile(f"export.{file_format}", file.read())
    return run_jobs(services.start_import_preview, subject=subject, upload=upload)
