"""In Chromium: a buyer on a product with a sold-out size signs up for it, sees the thanks, and the page stays
axe-clean; on a phone the form fits the screen."""

import pytest
from playwright.sync_api import expect

from orders.models import StockAlert
from tests.e2e.test_checkout_and_accessibility import BLOCKING_IMPACTS, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_buyer_signs_up_for_a_sold_out_size_and_is_thanked(page, shop):
    page.goto("/product/cotton-tee")
    form = page.locator("#stock-alert")

    form.get_by_label("Option").select_option(label="L")
    form.get_by_label("Your e-mail address").fill("ana@example.com")
    form.get_by_role("button", name="Notify me").click()

    expect(page.get_by_role("status").first).to_contain_text("We'll e-mail ana@example.com once")
    alert = StockAlert.objects.select_related("variant").get()
    assert (alert.email, alert.variant.title) == ("ana@example.com", "L")
    blocking = [item["id"] for item in axe_violations(page) if item["impact"] in BLOCKING_IMPACTS]
    assert blocking == []


def test_the_form_fits_a_phone_screen(page, shop):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/product/cotton-tee")

    expect(page.locator("#stock-alert")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
