"""The merchant's order day in Chromium: open a paid order, fulfil it, refund part of it, issue and print its
invoice; axe-core on the order page; screenshots of the order page and list at desktop and phone widths.

`E2E_SCREENSHOT_DIR=docs/back-office pytest tests/e2e/test_admin_orders.py -m e2e` refreshes docs/back-office.md's.
"""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Product
from orders.models import ShippingMethod
from orders.services import change_order_status, check_out_cart, create_cart, fulfil_order, mark_order_paid
from shopplatform.accounts.services import ensure_customer
from tests.accounts.factories import UserFactory
from tests.catalog.factories import ProductFactory
from wallet.services import credit_wallet, wallet_for_customer

from .test_checkout_and_accessibility import axe_violations
from .test_screenshots import WIDTHS, save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MERCHANT = ("merchant", "merchant-pass-123")
DELIVERY = {
    "name": "Rita Lopes",
    "address": "Rua Augusta 1",
    "city": "Lisboa",
    "zip_code": "1100-048",
    "country_code": "PRT",
}


@pytest.fixture
def paid_order(shop, settings, tmp_path, django_user_model):
    """A wallet-paid order of two teapots by Rita, and a merchant who signs in to the admin."""
    settings.STORAGES = {
        **settings.STORAGES,
        "invoices": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    django_user_model.objects.create_superuser(MERCHANT[0], "merchant@example.com", MERCHANT[1])
    buyer = ensure_customer(user=UserFactory(username="rita@example.com", email="rita@example.com"))
    buyer.name = "Rita Lopes"
    buyer.save()
    credit_wallet(wallet=wallet_for_customer(customer=buyer), amount_cents=200_00, note="gift card")
    extra = ProductFactory(title="Linen Napkins", sku="NAP-4", price_cents=1800)
    teapot = Product.objects.get(slug="enamel-teapot")
    cart = create_cart(
        customer=buyer,
        lines=[{"product": teapot.public_id, "quantity": 2}, {"product": extra.public_id, "quantity": 1}],
        delivery_address=DELIVERY,
        shipping_method=ShippingMethod.objects.get(title="Courier").public_id,
    )
    order, _ = check_out_cart(cart=cart, payment_method="wallet")
    return order


@pytest.fixture
def more_orders(paid_order):
    """A day's list: one waiting for a bank transfer, one sent, one canceled, besides the paid one."""
    courier = ShippingMethod.objects.get(title="Courier").public_id
    teapot = Product.objects.get(slug="enamel-teapot")
    placed = []
    for name, city in (("Joana Reis", "Porto"), ("Miguel Costa", "Braga"), ("Ines Duarte", "Faro")):
        buyer = ensure_customer(user=UserFactory(username=f"{name.split()[0].lower()}@example.com"))
        buyer.name = name
        buyer.save()
        cart = create_cart(
            customer=buyer,
            lines=[{"product": teapot.public_id, "quantity": 1}],
            delivery_address={**DELIVERY, "name": name, "city": city},
            shipping_method=courier,
        )
        placed.append(check_out_cart(cart=cart, payment_method="bank_transfer")[0])
    mark_order_paid(order=placed[1])
    fulfil_order(order=placed[1], carrier="ctt", tracking_code="RR987654321PT")
    change_order_status(order=placed[2], status="canceled")
    return placed


def sign_in(page) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", MERCHANT[0])
    page.fill("#id_password", MERCHANT[1])
    page.get_by_role("button", name=re.compile("Log in|Sign in", re.I)).click()


def test_merchant_fulfils_refunds_and_prints_the_invoice(page, paid_order):
    sign_in(page)
    page.goto(f"/admin/orders/order/{paid_order.pk}/change/")
    expect(page.get_by_text("Rua Augusta 1")).to_be_visible()

    fulfil = page.locator("form[action$='/fulfil/']")
    fulfil.get_by_label("Carrier").select_option("ctt")
    fulfil.get_by_label("Tracking number").fill("RR123456789PT")
    fulfil.get_by_role("button", name="Fulfil and mark sent").click()
    expect(page.get_by_text(f"Order #{paid_order.number} is sent with CTT")).to_be_visible()

    refund = page.locator("form[action$='/refund/']")
    refund.get_by_label("Amount").fill("5.00")
    refund.get_by_label("Reason").fill("One napkin stained")
    refund.get_by_role("button", name="Refund", exact=True).click()
    expect(page.get_by_text(re.compile(rf"Refunded 5,00\s€ of order #{paid_order.number}"))).to_be_visible()

    page.get_by_role("button", name="Issue invoice").click()
    expect(page.get_by_text(f"Invoice 1 issued for order #{paid_order.number}.")).to_be_visible()
    link = page.get_by_role("link", name="Invoice 1 (PDF)")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    paid_order.refresh_from_db()
    assert (paid_order.status, paid_order.tracking_code, paid_order.refunded_cents) == ("sent", "RR123456789PT", 500)
    assert paid_order.invoice_number == "1"
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Refunded 5,00\s€ to wallet credit"))).to_be_visible()


def test_order_page_has_no_serious_accessibility_violations(page, paid_order):
    sign_in(page)
    page.goto(f"/admin/orders/order/{paid_order.pk}/change/")

    violations = axe_violations(page)

    serious = [
        f"{item['id']} ({item['impact']}): {[node['target'] for node in item['nodes']][:5]}"
        for item in violations
        if item["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots_of_the_order_screens(browser, live_server, paid_order, more_orders, width):
    context = browser.new_context(
        viewport={**WIDTHS[width], "width": 1366} if width == "desktop" else WIDTHS[width], base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page)

    page.goto("/admin/orders/order/")
    list_shot = save_screenshot(page, f"back-office/orders-list-{width}")
    page.goto(f"/admin/orders/order/{paid_order.pk}/change/")
    # The sticky save bar would sit over the middle of a full-page capture: keep it at the end for the picture.
    page.evaluate("document.getElementById('submit-row').style.position = 'static'")
    page_shot = save_screenshot(page, f"back-office/order-page-{width}")
    if width == "desktop":  # the list fits 1366 px: no horizontal scrolling
        page.goto("/admin/orders/order/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    context.close()

    assert list_shot.stat().st_size and page_shot.stat().st_size
