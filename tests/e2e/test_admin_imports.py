"""A merchant imports a CSV of products in Chromium: the preview page lists what each row will do and the row to
correct, nothing is written until the corrected file's preview is confirmed; axe-core on the preview page.

`E2E_SCREENSHOT_DIR=docs/back-office pytest tests/e2e/test_admin_imports.py -m e2e` refreshes docs/back-office.md's.
"""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Product, Variant

from .test_admin_products import blocking, sign_in
from .test_checkout_and_accessibility import axe_violations
from .test_screenshots import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MERCHANT = ("merchant", "merchant-pass-123")
HEADER = "sku,title,price,stock_enabled,stock_quantity,variant_sku,options,variant_stock\n"
GOOD = (
    "LAMP,Brass Lamp,89.00,yes,4,,,\n"
    "APRON,Linen Apron,32.50,yes,0,APRON-S,Size: S,6\n"
    "APRON,Linen Apron,32.50,yes,0,APRON-L,Size: L,2\n"
)


@pytest.fixture
def merchant(shop, settings, tmp_path, django_user_model):
    """The test shop, job files under a temporary folder, and a merchant who signs in to the admin."""
    settings.STORAGES = {
        **settings.STORAGES,
        "backoffice_files": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "backoffice")},
        },
    }
    django_user_model.objects.create_superuser(MERCHANT[0], "merchant@example.com", MERCHANT[1])
    return shop


def upload(page, text: str) -> None:
    page.goto("/admin/catalog/product/")
    page.get_by_role("link", name=re.compile("^\\s*(upload\\s*)?Import\\s*$", re.I)).click()
    page.locator("input[type=file]").set_input_files(
        {"name": "products.csv", "mimeType": "text/csv", "buffer": (HEADER + text).encode()}
    )
    page.get_by_role("button", name="Preview import").click()


def test_merchant_imports_products_after_correcting_the_row_the_preview_refused(page, merchant):
    sign_in(page)

    upload(page, GOOD + "CANDLE,Beeswax Candle,12.999,no,0,,,\n")

    expect(page.get_by_text("Rows to correct")).to_be_visible()
    expect(page.get_by_text("Row 5, price: EUR amounts take at most 2 decimal places.")).to_be_visible()
    expect(page.get_by_role("button", name="Import these rows")).to_have_count(0)
    assert not Product.objects.filter(sku__in=["LAMP", "APRON", "CANDLE"]).exists()

    upload(page, GOOD + "CANDLE,Beeswax Candle,12.99,no,0,,,\n")

    expect(page.get_by_text("Preview ready: nothing has been written yet")).to_be_visible()
    expect(page.get_by_role("cell", name="APRON")).to_be_visible()
    assert blocking(axe_violations(page)) == []
    save_screenshot(page, "import-preview-desktop")
    page.get_by_role("button", name="Import these rows").click()

    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    assert Product.objects.get(sku="CANDLE").price_cents == 1299
    assert dict(Variant.objects.filter(product__sku="APRON").values_list("sku", "stock_quantity")) == {
        "APRON-S": 6,
        "APRON-L": 2,
    }
