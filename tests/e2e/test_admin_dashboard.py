"""The back-office home in Chromium: the dashboard's figures, its chart drawn under the admin's
Content-Security-Policy, axe-core on it and on the product and order screens, and its screenshots.

`E2E_SCREENSHOT_DIR=docs/back-office pytest tests/e2e/test_admin_dashboard.py -m e2e` refreshes docs/back-office.md's.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalog.models import Product
from orders.models import Order
from tests.catalog.reviews.factories import ReviewFactory
from tests.orders.factories import OrderFactory, OrderLineFactory
from tests.webhooks.factories import WebhookEndpointFactory

from .test_checkout_and_accessibility import BLOCKING_IMPACTS, axe_violations
from .test_screenshots import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MERCHANT = ("owner", "owner-pass-123")
DASHBOARD_WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def trading_shop(shop, django_user_model):
    """The e2e shop with a month of orders, a low-stock tee size, a review, a failing endpoint and its owner."""
    django_user_model.objects.create_superuser(MERCHANT[0], "owner@example.com", MERCHANT[1])
    teapot, tee = Product.objects.get(slug="enamel-teapot"), Product.objects.get(slug="cotton-tee")
    for days_ago, status, quantity in [(0, "processing", 2), (0, "pending", 1), (1, "waiting_payment", 1),
                                       (4, "sent", 3), (9, "delivered", 1), (16, "delivered", 2), (27, "sent", 1)]:  # fmt: skip
        line = OrderLineFactory(
            product=teapot if days_ago % 2 == 0 else tee,
            quantity=quantity,
            total_cents=2990 * quantity,
            order__status=status,
            order__total_cents=2990 * quantity + 500,
        )
        Order.objects.filter(pk=line.order_id).update(created_at=timezone.now() - timedelta(days=days_ago, hours=1))
    OrderFactory(status="canceled", total_cents=9999)
    ReviewFactory(product=teapot, rating=5, body="<p>Keeps the tea hot.</p>")
    WebhookEndpointFactory(url="https://erp.example.com/hooks", failing_since=timezone.now() - timedelta(hours=5))
    return shop


def sign_in(page) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", MERCHANT[0])
    page.fill("#id_password", MERCHANT[1])
    page.get_by_role("button", name=re.compile("Log in|Sign in", re.I)).click()
    page.goto("/admin/")
    expect(page.locator("#header-inner").get_by_role("heading", name="Dashboard")).to_be_visible()


def blocking(violations: list[dict]) -> list[str]:
    """The serious and critical findings, each with the elements it names."""
    return [
        f"{item['id']} ({item['impact']}): {', '.join(str(node['target']) for node in item['nodes'])}"
        for item in violations
        if item["impact"] in BLOCKING_IMPACTS
    ]


def test_dashboard_shows_the_figures_and_draws_the_chart(page, trading_shop):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page)

    expect(page.locator('[data-figure="orders-to-fulfil"]')).to_contain_text("1")
    expect(page.locator('[data-figure="orders-awaiting-payment"]')).to_contain_text("1")
    expect(page.get_by_role("link", name="https://erp.example.com/hooks")).to_be_visible()
    chart = page.locator("canvas.chart")
    expect(chart).to_have_attribute("role", "img")
    # Chart.js marks the canvas it drew on; a CSP refusal (eval, inline script) would leave it bare.
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas.chart'))")
    assert not [error for error in errors if "Content Security Policy" in error], errors


def test_dashboard_figure_opens_the_filtered_order_list(page, trading_shop):
    sign_in(page)

    page.locator('[data-figure="orders-to-fulfil"]').click()

    expect(page).to_have_url(re.compile(r"/admin/orders/order/\?status__in=processing"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)


def test_dashboard_has_no_serious_accessibility_violations(page, trading_shop):
    sign_in(page)

    assert blocking(axe_violations(page)) == []


@pytest.mark.parametrize("screen", ["product list", "product form", "order list", "order form"])
def test_product_and_order_screens_have_no_serious_accessibility_violations(page, trading_shop, screen):
    sign_in(page)
    product, order = Product.objects.get(slug="enamel-teapot"), Order.objects.filter(status="processing").first()
    path = {
        "product list": "/admin/catalog/product/",
        "product form": f"/admin/catalog/product/{product.pk}/change/",
        "order list": "/admin/orders/order/",
        "order form": f"/admin/orders/order/{order.pk}/change/",
    }[screen]

    page.goto(path)

    assert blocking(axe_violations(page)) == []


@pytest.mark.parametrize("width", list(DASHBOARD_WIDTHS))
def test_dashboard_screenshot(browser, live_server, trading_shop, width):
    context = browser.new_context(viewport=DASHBOARD_WIDTHS[width], base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
    )
    page = context.new_page()
    sign_in(page)
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas.chart'))")

    shot = save_screenshot(page, f"dashboard-{width}")

    assert shot.stat().st_size < 400_000
    context.close()
