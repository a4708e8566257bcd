"""A buyer in a real browser: browse and check out, sign up and use the account, pick a variant."""

import re

import pytest
from playwright.sync_api import expect

from orders.models import Order

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_buyer_browses_adds_to_cart_and_checks_out_with_bank_transfer(page, shop):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Kitchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen")
    page.get_by_role("link", name="Enamel Teapot").click()
    page.get_by_role("button", name="Add to cart").click()

    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    expect(page.locator(".grand-total")).to_contain_text("29,90 €")
    page.screenshot(path=SCREENSHOT_DIR / "e2e_cart.png", full_page=True)
    page.get_by_role("link", name="Check out").click()

    page.fill("#id_email", "ana@example.com")
    page.fill("#id_name", "Ana Silva")
    page.fill("#id_address", "Rua Augusta 1")
    page.fill("#id_zip_code", "1100-048")
    page.fill("#id_city", "Lisboa")
    page.get_by_role("radio", name=re.compile("Courier")).check()
    page.get_by_role("radio", name="Bank transfer").check()
    page.get_by_role("button", name=re.compile("Place order")).click()

    expect(page.get_by_role("heading", name="Thank you for your order!")).to_be_visible()
    order = Order.objects.get()
    assert (order.email, order.total_cents, order.payment_method) == ("ana@example.com", 3490, "bank_transfer")


def test_buyer_signs_up_signs_in_and_visits_the_account_pages(page, shop):
    page.goto("/account/signup/")
    page.fill("#id_name", "Rui Costa")
    page.fill("#id_email", "rui@example.com")
    page.fill("#id_password", "a-long-passphrase")
    page.fill("#id_password_again", "a-long-passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Hello, Rui Costa")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.goto("/account/login/")
    page.fill("#id_username", "rui@example.com")
    page.fill("#id_password", "a-long-passphrase")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello, Rui Costa")).to_be_visible()

    account_nav = page.get_by_role("navigation", name="Account")
    account_nav.get_by_role("link", name="Orders").click()
    expect(page.get_by_text("No orders yet")).to_be_visible()
    account_nav.get_by_role("link", name="Wallet").click()
    expect(page.locator("#wallet-balance")).to_have_text("0,00 €")
    account_nav.get_by_role("link", name="API keys").click()
    page.fill("#id_name", "Accounting")
    page.get_by_label("orders:read").check()
    page.get_by_role("button", name="Create key").click()
    expect(page.locator("#new-secret")).to_contain_text("shp_")


def test_variant_picker_updates_price_and_stock(page, shop):
    page.goto("/product/cotton-tee")
    price = page.locator("#price-box .price-now")
    expect(price).to_have_text("25,00 €")

    page.locator(".option-button", has_text="L").click()  # one button per size (tests/e2e/test_option_pickers.py)

    expect(price).to_have_text("29,00 €")
    expect(page.locator("#stock-label")).to_have_text("Out of stock")
    expect(page.get_by_role("button", name="Add to cart")).to_be_disabled()
    expect(page).to_have_url(re.compile(r"\?variant=var_"))
    page.screenshot(path=SCREENSHOT_DIR / "e2e_product.png", full_page=True)
