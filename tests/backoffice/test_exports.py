"""Exports run as jobs: the file in private storage, money in currency units, progress written as they go."""

import io
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from catalog.models import Product
from shopplatform.backoffice.jobs import services
from shopplatform.backoffice.jobs.models import Job
from shopplatform.backoffice.jobs.storage import job_storage
from tests.factories import CouponFactory, CustomerFactory, OrderFactory, OrderLineFactory

from .conftest import job_file_rows

pytestmark = pytest.mark.django_db


def test_an_export_of_10000_products_runs_as_a_task_writing_its_progress(run_jobs):
    # Rows built directly, with their public ids given, keep the seed to a fraction of the test's time.
    Product.objects.bulk_create(
        (
            Product(public_id=f"prod_{n:022d}", title=f"Mug {n}", slug=f"mug-{n}", sku=f"MUG-{n}", price_cents=2400)
            for n in range(10_000)
        ),
        batch_size=2000,
    )
    started = time.monotonic()

    with CaptureQueriesContext(connection) as queries:
        job = run_jobs(services.start_export, subject="products", file_format="csv")

    elapsed = time.monotonic() - started
    progress_writes = [q for q in queries if q["sql"].startswith('UPDATE "backoffice_job" SET "done"')]
    assert (job.state, job.total, job.done, job.counts) == (Job.State.DONE, 10_000, 10_000, {"rows": 10_000})
    assert len(progress_writes) == 100  # every 1 % of the run, visible to the job page while it runs
    rows = job_file_rows(job)
    assert len(rows) == 10_000 and rows[0]["price"] == "24.00" and rows[0]["variant_sku"] == ""
    assert elapsed < 20, f"10,000-row export took {elapsed:.1f} s"


def test_an_xlsx_export_of_selected_customers(run_jobs):
    customers = CustomerFactory.create_batch(3)

    job = run_jobs(services.start_export, subject="customers", file_format="xlsx", ids=[customers[1].pk])

    with job_storage().open(job.result_name, "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("email", "name") and len(rows) == 2 and rows[1][0] == customers[1].email


def test_an_order_export_shows_amounts_in_the_order_currency_and_its_lines(run_jobs):
    order = OrderFactory(total_cents=16740, subtotal_cents=16740, client={"name": "Ana Lima"})
    OrderLineFactory(order=order, sku="TEE-M", quantity=2)

    job = run_jobs(services.start_export, subject="orders", file_format="csv")

    (row,) = job_file_rows(job)
    assert (row["number"], row["total"], row["currency"], row["name"]) == (str(order.number), "167.40", "EUR",
                                                                           "Ana Lima")  # fmt: skip
    assert row["lines"] == "TEE-M x 2" and row["paid"] == "yes"


def test_exported_text_that_a_spreadsheet_would_run_is_quoted(run_jobs):
    CouponFactory(code="=HYPERLINK(1)")

    job = run_jobs(services.start_export, subject="coupons", file_format="csv")

    assert job_file_rows(job)[0]["code"] == "'=HYPERLINK(1)"


def test_an_export_in_an_unknown_format_is_refused():
    with pytest.raises(services.JobRefused, match="choose CSV or XLSX"):
        services.start_export(subject="products", file_format="pdf")
