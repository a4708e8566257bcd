"""Products with variants and stock imported through the catalog services: preview, row errors, idempotency."""

import pytest

from catalog.models import Product, Variant
from shopplatform.backoffice.jobs import services
from shopplatform.backoffice.jobs.models import Job
from tests.factories import ProductFactory
from webhooks.models import Event

from .conftest import csv_upload

pytestmark = pytest.mark.django_db

SHIRT = {"sku": "TEE", "title": "Tee", "status": "active", "price": "24.00", "promo_price": "", "stock_enabled": "yes",
         "stock_quantity": "0", "description": "<p>Soft</p><script>alert(1)</script>"}  # fmt: skip
ROWS = [
    {**SHIRT, "variant_sku": "TEE-S-BLUE", "options": "Size: S / Colour: Blue", "variant_price": "", "variant_stock": "5",
     "variant_active": "yes"},
    {**SHIRT, "variant_sku": "TEE-M-BLUE", "options": "Size: M / Colour: Blue", "variant_price": "26.50",
     "variant_stock": "3", "variant_active": "yes"},
    {"sku": "MUG", "title": "Mug", "status": "active", "price": "9.90", "promo_price": "", "stock_enabled": "yes",
     "stock_quantity": "12", "description": "", "variant_sku": "", "options": "", "variant_price": "",
     "variant_stock": "", "variant_active": ""},
]  # fmt: skip


def test_import_creates_products_variants_and_stock_through_the_services(preview_and_import):
    preview, applied = preview_and_import("products", ROWS)

    assert preview.counts == {"new": 2, "updated": 0, "unchanged": 0, "failed": 0}
    assert applied.state == Job.State.DONE and applied.counts["new"] == 2
    tee = Product.objects.get(sku="TEE")
    assert tee.price_cents == 2400 and tee.description == "<p>Soft</p>"  # sanitised by the service
    variants = {variant.sku: variant for variant in Variant.objects.filter(product=tee)}
    assert variants["TEE-S-BLUE"].stock_quantity == 5 and variants["TEE-S-BLUE"].price_cents is None
    assert variants["TEE-M-BLUE"].price_cents == 2650 and variants["TEE-M-BLUE"].title == "M / Blue"
    assert Product.objects.get(sku="MUG").stock_quantity == 12
    assert Event.objects.filter(type="product.created").count() == 2


def test_preview_writes_nothing_and_lists_the_row_error_in_words(run_jobs):
    rows = [ROWS[2], {**ROWS[2], "sku": "CUP", "price": "9.999"}]

    preview = run_jobs(services.start_import_preview, subject="products", upload=csv_upload(rows))

    assert preview.counts == {"new": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert preview.errors == [{"row": 3, "column": "price", "message": "EUR amounts take at most 2 decimal places."}]
    assert not Product.objects.exists() and not Event.objects.exists()
    assert preview.preview == [{"row": 2, "key": "MUG", "action": "new", "changes": []}]


def test_a_preview_with_errors_cannot_be_imported(run_jobs):
    preview = run_jobs(services.start_import_preview, subject="products", upload=csv_upload([{**ROWS[2], "title": ""}]))

    with pytest.raises(services.JobRefused, match="rows with errors"):
        services.confirm_import(preview=preview)
    assert preview.errors[0]["message"] == "title is empty."


def test_importing_the_same_file_twice_changes_nothing(preview_and_import):
    preview_and_import("products", ROWS)
    events, updated = Event.objects.count(), list(Product.objects.values_list("updated_at", flat=True))

    preview, applied = preview_and_import("products", ROWS)

    assert preview.counts == {"new": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert applied.counts == {"new": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert Event.objects.count() == events
    assert list(Product.objects.values_list("updated_at", flat=True)) == updated
    assert Product.objects.count() == 2 and Variant.objects.count() == 2


def test_a_changed_row_updates_only_that_product_and_variant(preview_and_import):
    preview_and_import("products", ROWS)
    changed = [ROWS[0], {**ROWS[1], "variant_stock": "7"}, {**ROWS[2], "price": "11.00"}]

    preview, _applied = preview_and_import("products", changed)

    assert preview.preview == [
        {"row": 2, "key": "TEE", "action": "updated", "changes": ["M / Blue: variant_stock"]},
        {"row": 4, "key": "MUG", "action": "updated", "changes": ["price"]},
    ]
    assert Variant.objects.get(sku="TEE-M-BLUE").stock_quantity == 7
    assert Product.objects.get(sku="MUG").price_cents == 1100


def test_an_existing_product_is_matched_on_its_sku(preview_and_import):
    existing = ProductFactory(sku="MUG", title="Old mug", price_cents=500)

    preview_and_import("products", [ROWS[2]])

    assert Product.objects.get().pk == existing.pk
    assert Product.objects.get().title == "Mug"


def test_a_refused_service_call_names_the_variant_column(run_jobs):
    rows = [{**ROWS[0], "stock_enabled": "no", "stock_quantity": "0"}]

    preview = run_jobs(services.start_import_preview, subject="products", upload=csv_upload(rows))

    assert preview.errors == [{"row": 2, "column": "variant_stock",
                               "message": "`stock_quantity` needs the product's `stock_enabled`."}]  # fmt: skip


def test_a_file_without_the_key_column_fails_in_words(run_jobs):
    preview = run_jobs(services.start_import_preview, subject="products", upload=csv_upload([{"title": "Mug"}]))

    assert preview.state == Job.State.FAILED
    assert preview.failure == "The file has no 'sku' column."
