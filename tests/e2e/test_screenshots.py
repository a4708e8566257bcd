"""Screenshots of the main store pages over the demo store, at desktop and phone widths.

They are written to E2E_SCREENSHOT_DIR (default /tmp) as palette PNGs of at most 200 KB;
`E2E_SCREENSHOT_DIR=docs/screenshots pytest tests/e2e -k screenshots` refreshes the ones docs/storefront.md shows.
"""

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from shopplatform.accounts.demo import BUYER_NAME, BUYER_PASSWORD, BUYER_USERNAME

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
MAX_BYTES = 200_000
BUYER = (BUYER_USERNAME, BUYER_PASSWORD)


@pytest.fixture
def demo_store(settings, tmp_path):
    """`seed_demo` with its media and version files under a temporary directory; the demo buyer signs in."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    call_command("seed_demo", stdout=io.StringIO())


def serve_media_locally(context, live_server) -> None:
    """Serve /media/ from MEDIA_ROOT whatever host the URL names (SITE_URL); abort every other outside request."""
    media_root = Path(settings.MEDIA_ROOT)

    def handle(route):
        url = route.request.url
        path = urlsplit(url).path
        if path.startswith(settings.MEDIA_URL):
            route.fulfill(path=media_root / path.removeprefix(settings.MEDIA_URL))
        elif url.startswith(live_server.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", handle)


def save_screenshot(page, name: str) -> Path:
    """A full-page PNG reduced to a 256-colour palette, which keeps store pages well under MAX_BYTES."""
    image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    target = SCREENSHOT_DIR / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    return target


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots_of_the_main_pages(browser, live_server, demo_store, width):
    context = browser.new_context(viewport=WIDTHS[width], base_url=live_server.url)
    context.set_default_timeout(10_000)
    serve_media_locally(context, live_server)
    page = context.new_page()
    shots = []

    page.goto("/")
    shots.append(save_screenshot(page, f"home-{width}"))
    page.goto("/search?q=vaze")
    shots.append(save_screenshot(page, f"search-{width}"))
    page.goto("/category/kitchen")
    shots.append(save_screenshot(page, f"category-{width}"))
    page.goto("/product/linen-duvet-cover")
    page.locator(".option-button", has_text="Oat").click()  # the option pickers, a colour swatch chosen
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header would be drawn where the click scrolled to
    shots.append(save_screenshot(page, f"product-options-{width}"))
    page.goto("/product/knitted-throw-pattern")
    shots.append(save_screenshot(page, f"product-digital-{width}"))
    page.goto("/product/rustic-spice-bowl-set")
    shots.append(save_screenshot(page, f"product-{width}"))
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    shots.append(save_screenshot(page, f"cart-{width}"))
    page.get_by_role("link", name="Check out").click()
    shots.append(save_screenshot(page, f"checkout-{width}"))
    page.goto("/account/login/")
    page.fill("#id_username", BUYER[0])
    page.fill("#id_password", BUYER[1])
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(BUYER_NAME)
    shots.append(save_screenshot(page, f"account-{width}"))
    page.goto("/account/downloads/")
    shots.append(save_screenshot(page, f"downloads-{width}"))
    page.goto("/account/addresses/")
    shots.append(save_screenshot(page, f"addresses-{width}"))
    context.close()
    dark = browser.new_context(viewport=WIDTHS[width], base_url=live_server.url, color_scheme="dark")
    serve_media_locally(dark, live_server)
    page = dark.new_page()
    page.goto("/")
    shots.append(save_screenshot(page, f"home-dark-{width}"))
    dark.close()

    assert {shot.name: shot.stat().st_size for shot in shots if shot.stat().st_size > MAX_BYTES} == {}
