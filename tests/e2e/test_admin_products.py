"""A merchant creates a product in Chromium: the slug follows the title, the description is typed in the editor, two
images are dropped at once and two option groups make the variant grid; axe-core on the product list, add and change
pages; screenshots of the product page and list at desktop and phone widths.

`E2E_SCREENSHOT_DIR=docs/back-office pytest tests/e2e/test_admin_products.py -m e2e` refreshes docs/back-office.md's.
"""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from catalog.models import Product

from .test_checkout_and_accessibility import BLOCKING_IMPACTS, axe_violations
from .test_screenshots import WIDTHS, save_screenshot, serve_media_locally

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MERCHANT = ("merchant", "merchant-pass-123")


@pytest.fixture
def merchant(shop, settings, tmp_path, django_user_model):
    """The test shop, its media under a temporary folder, and a merchant who signs in to the admin."""
    settings.MEDIA_ROOT = tmp_path / "media"
    django_user_model.objects.create_superuser(MERCHANT[0], "merchant@example.com", MERCHANT[1])
    return shop


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 320), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def sign_in(page) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", MERCHANT[0])
    page.fill("#id_password", MERCHANT[1])
    page.get_by_role("button", name=re.compile("Log in|Sign in", re.I)).click()


def blocking(violations: list[dict]) -> list[str]:
    return [
        f"{item['id']} ({item['impact']}): {node['target']} {node['html'][:100]}"
        for item in violations
        if item["impact"] in BLOCKING_IMPACTS
        for node in item["nodes"]
    ]


def create_linen_shirt(page) -> None:
    page.goto("/admin/catalog/product/add/")
    page.locator("#id_title").press_sequentially("Linen Shirt")
    expect(page.locator("#id_slug")).to_have_value("linen-shirt")
    page.fill("#id_price_cents", "49.90")
    page.locator("trix-editor").click()
    page.keyboard.type("Washed linen, cut loose.")
    page.locator("input[data-image-drop]").set_input_files(
        [
            {"name": "front.png", "mimeType": "image/png", "buffer": png("#c8b48c")},
            {"name": "back.png", "mimeType": "image/png", "buffer": png("#4080a0")},
        ]
    )
    expect(page.get_by_text("2 images will be added when you save.")).to_be_visible()
    page.fill("#id_option_groups-0-title", "Size")
    page.fill("#id_option_groups-0-values", "S, M, L")
    page.get_by_role("link", name=re.compile("Add another Option group", re.I)).click()
    page.fill("#id_option_groups-1-title", "Colour")
    page.fill("#id_option_groups-1-values", "Sand, Blue")
    page.get_by_role("button", name=re.compile("Save and continue editing", re.I)).click()
    expect(page.get_by_text(re.compile("was added successfully"))).to_be_visible()


def test_merchant_creates_a_product_with_options_and_images(page, merchant):
    sign_in(page)

    create_linen_shirt(page)

    product = Product.objects.get(slug="linen-shirt")
    assert product.price_cents == 4990
    assert "Washed linen, cut loose." in product.description
    assert [image.media.original_name for image in product.images.all()] == ["front.png", "back.png"]
    assert product.variants.count() == 6
    expect(page.locator("#variants-group")).to_contain_text("M / Blue")
    # The six-row variant grid fits the 1280 px window: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_product_list_add_and_change_pages_have_no_serious_accessibility_violations(page, merchant):
    tee = Product.objects.get(slug="cotton-tee")  # with an image and a two-size variant grid
    sign_in(page)
    found = {}
    page.goto("/admin/catalog/product/")
    found["list"] = axe_violations(page)
    page.goto("/admin/catalog/product/add/")
    found["add"] = axe_violations(page)
    page.goto(f"/admin/catalog/product/{tee.pk}/change/")
    found["change"] = axe_violations(page)

    report = {name: [f"{item['id']} ({item['impact']})" for item in violations] for name, violations in found.items()}
    print(report, {name: blocking(violations) for name, violations in found.items()})  # for the test log
    assert {name: blocking(violations) for name, violations in found.items()} == {"list": [], "add": [], "change": []}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots_of_the_product_pages(browser, live_server, merchant, width):
    context = browser.new_context(viewport=WIDTHS[width], base_url=live_server.url)
    context.set_default_timeout(10_000)
    serve_media_locally(context, live_server)
    page = context.new_page()
    sign_in(page)

    create_linen_shirt(page)
    save_screenshot(page, f"product-change-{width}")
    page.goto("/admin/catalog/product/")
    save_screenshot(page, f"product-list-{width}")
    context.close()
