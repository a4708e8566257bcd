"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

Requests to any other host are aborted, so pages never wait on the network; product images are inline SVG.
Screenshots go to E2E_SCREENSHOT_DIR (default /tmp), outside the repository.
"""

import os
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from shopplatform.store.models import PaymentMethod, Store
from tests.catalog.factories import (
    CategoryFactory,
    OptionFactory,
    ProductFactory,
    ProductImageFactory,
    VariantFactory,
)
from tests.conftest import CHROMIUM
from tests.orders.factories import ShippingMethodFactory

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp"))


def svg_image(colour: str) -> str:
    return (
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 600 600'>"
        f"<rect width='600' height='600' fill='%23{colour}'/><circle cx='300' cy='300' r='160' fill='%23ffffff55'/></svg>"
    )


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


REQUESTS_SETTLE_SECONDS = 15


def live_server_requests(port: int) -> list[threading.Thread]:
    """The live server's request threads: socketserver runs one per open connection, named after its target and
    holding the connection's socket. The stand-in servers of other tests (S3, PayPal) run threads of the same name."""

    def served_on(thread: threading.Thread) -> int | None:
        try:
            return thread._args[0].getsockname()[1]  # type: ignore[attr-defined]
        except (AttributeError, IndexError, OSError):  # not a request thread, or its socket is closed
            return None

    return [
        thread
        for thread in threading.enumerate()
        if thread.name.endswith("(process_request_thread)") and served_on(thread) == port
    ]


@pytest.fixture(autouse=True)
def _requests_settle_before_the_database_is_emptied(request):
    """Close every browser context the test opened, then wait for the live server's requests to end.

    A page can still be loading (the admin's `jsi18n`, say) when a test's last assertion passes. On SQLite the live
    server shares the test's connection, so emptying the tables under a running request fails with "database table
    is locked". Set up after `transactional_db`, so torn down before it flushes.
    """
    if "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    browser = request.getfixturevalue("browser")
    port = request.getfixturevalue("live_server").thread.port
    yield
    for context in browser.contexts:
        context.close()
    deadline = time.monotonic() + REQUESTS_SETTLE_SECONDS
    while (running := live_server_requests(port)) and time.monotonic() < deadline:
        time.sleep(0.01)
    if running:
        pytest.fail(f"{len(running)} live-server request(s) still running {REQUESTS_SETTLE_SECONDS} s after the test")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shop(transactional_db):
    """A EUR/pt_PT store taking bank transfers, one category with a teapot and a two-size tee, and a courier."""
    store = Store.load()
    store.name, store.currency, store.locale, store.notice = "Parallax", "EUR", "pt_PT", "Free shipping over 59 €"
    store.description = "Handmade homeware from Portugal."
    store.save()
    PaymentMethod.objects.create(store=store, method="bank_transfer", title="Bank transfer", is_default=True)
    kitchen = CategoryFactory(title="Kitchen", slug="kitchen")
    teapot = ProductFactory(
        title="Enamel Teapot", slug="enamel-teapot", price_cents=2990, categories=[kitchen], featured=True
    )
    ProductImageFactory(product=teapot, url=svg_image("4080a0"), alt="Blue enamel teapot")
    tee = ProductFactory(title="Cotton Tee", slug="cotton-tee", price_cents=2500, categories=[kitchen])
    tee.stock_enabled, tee.stock_show = True, True
    tee.save()
    ProductImageFactory(product=tee, url=svg_image("c8b48c"), alt="Sand cotton tee")
    small = VariantFactory(
        product=tee, option_1=OptionFactory(group__product=tee, title="S"), title="S", stock_quantity=5
    )
    VariantFactory(
        product=tee,
        option_1=OptionFactory(group=small.option_1.group, title="L"),
        title="L",
        price_cents=2900,
        stock_quantity=0,
    )
    ShippingMethodFactory(title="Courier", price_cents=500, countries=["PRT"])
    return store
