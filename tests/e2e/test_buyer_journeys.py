"""The buyer's journeys of issue 18 in Chromium, at desktop (1366x900) and phone (390x844) sizes, axe-clean:
a search with a typo and an empty search, a signed-in checkout from the address book, the error summary, the phone
layout of every page the buyer walks through, the zoomable product image, and the theme in light and dark mode."""

import re

import pytest
from playwright.sync_api import expect

from orders.models import Order
from shopplatform.accounts.services import add_address, ensure_customer
from shopplatform.store.models import Store
from tests.accounts.factories import UserFactory
from tests.catalog.factories import BrandFactory, CategoryFactory, ProductFactory, ProductImageFactory
from wallet.services import credit_wallet, wallet_for_customer

from .conftest import svg_image
from .test_checkout_and_accessibility import BLOCKING_IMPACTS, add_teapot_to_cart, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
RITA = ("rita@example.com", "rita-pass-123")


@pytest.fixture(params=list(VIEWPORTS))
def device(request):
    return request.param


@pytest.fixture
def tab(browser, live_server, device):
    context = browser.new_context(viewport=VIEWPORTS[device], base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def catalog(shop):
    """The e2e shop plus a vase of the Pure You brand in a Decoration category."""
    vase = ProductFactory(
        title="Ceramic Vase",
        slug="ceramic-vase",
        price_cents=3900,
        brand=BrandFactory(title="Pure You", slug="pure-you"),
        categories=[CategoryFactory(title="Decoration", slug="decoration")],
    )
    ProductImageFactory(product=vase, url=svg_image("8a4fa0"), alt="Purple ceramic vase")
    return shop


@pytest.fixture
def rita(shop):
    user = UserFactory(username=RITA[0], email=RITA[0], password=RITA[1])
    ensure_customer(user=user)
    return user


def sign_in(page) -> None:
    page.goto("/account/login/")
    page.fill("#id_username", RITA[0])
    page.fill("#id_password", RITA[1])
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def assert_axe_clean(page, where: str) -> None:
    violations = [item for item in axe_violations(page) if item["impact"] in BLOCKING_IMPACTS]
    assert violations == [], (where, [(item["id"], [node["target"] for node in item["nodes"]]) for item in violations])


def assert_fits_the_screen(page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (where, width)


def test_search_with_a_typo_finds_the_product_and_an_empty_search_suggests(tab, catalog):
    tab.goto("/")
    tab.get_by_role("searchbox", name="Search products").fill("vaze")
    tab.get_by_role("search").get_by_role("button", name="Search").click()

    expect(tab.get_by_role("heading", name="Ceramic Vase")).to_be_visible()
    expect(tab.locator(".result-count")).to_contain_text("showing results for “vase”")
    assert_axe_clean(tab, "results")
    assert_fits_the_screen(tab, "results")

    tab.goto("/search?q=xyzzy")
    expect(tab.get_by_text("No products match “xyzzy”.")).to_be_visible()
    expect(tab.get_by_text("Try fewer filters")).to_have_count(0)
    expect(tab.get_by_role("heading", name="Popular products")).to_be_visible()
    assert_axe_clean(tab, "empty search")


def test_signed_in_buyer_saves_an_address_and_checkout_fills_it_in(tab, catalog, rita):
    sign_in(tab)
    tab.goto("/account/addresses/")
    tab.fill("#id_name", "Rita Lopes")
    tab.fill("#id_address", "Rua Augusta 1")
    tab.fill("#id_zip_code", "1100-048")
    tab.fill("#id_city", "Lisboa")
    tab.get_by_role("button", name="Save address").click()
    expect(tab.get_by_text("The address was saved.")).to_be_visible()
    expect(tab.get_by_text("Default address", exact=True)).to_be_visible()
    assert_axe_clean(tab, "address book")
    assert_fits_the_screen(tab, "address book")

    add_teapot_to_cart(tab)
    tab.get_by_role("link", name="Check out").click()
    expect(tab.locator("#id_address")).to_have_value("Rua Augusta 1")
    expect(tab.get_by_role("radio", name=re.compile("Courier"))).to_be_checked()  # the only method that fits
    expect(tab.get_by_label("Deliver to a saved address")).to_be_visible()
    assert_axe_clean(tab, "checkout")
    assert_fits_the_screen(tab, "checkout")
    tab.get_by_role("radio", name="Bank transfer").check()
    tab.get_by_role("button", name=re.compile("Place order")).click()

    expect(tab.get_by_role("heading", name="Thank you for your order!")).to_be_visible()
    assert Order.objects.get().client["delivery"]["city"] == "Lisboa"
    assert_fits_the_screen(tab, "order page")


def test_checkout_error_summary_takes_focus_and_leads_to_the_field(tab, catalog):
    add_teapot_to_cart(tab)
    tab.get_by_role("link", name="Check out").click()
    tab.fill("#id_email", "ana@example.com")
    tab.fill("#id_name", "Ana Silva")
    tab.fill("#id_address", "Rua Augusta 1")
    tab.get_by_role("radio", name="Bank transfer").check()
    tab.get_by_role("button", name=re.compile("Place order")).click()

    summary = tab.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(tab.locator("#id_address")).to_have_value("Rua Augusta 1")
    summary.get_by_role("link", name=re.compile("^City")).click()
    expect(tab.locator("#id_city")).to_be_focused()
    assert_axe_clean(tab, "checkout with errors")


def test_phone_pages_fit_the_screen_and_listings_show_products_first(tab, device, catalog, rita):
    customer = rita.customer
    add_address(customer=customer, data={"address": "Rua " + "Comprida" * 6, "city": "Lisboa", "country_code": "PRT"})
    credit_wallet(wallet=wallet_for_customer(customer=customer), amount_cents=1_000, note="Refund-" + "x" * 60)
    sign_in(tab)
    pages = ("/", "/category/kitchen", "/product/enamel-teapot", "/account/orders/", "/account/addresses/")
    for path in (*pages, "/account/wallet/"):
        tab.goto(path)
        assert_fits_the_screen(tab, path)

    tab.goto("/category/kitchen")
    first_card = tab.locator(".results .card").first.bounding_box()
    if device == "phone":
        assert first_card["y"] < VIEWPORTS["phone"]["height"]
        expect(tab.locator("#filters")).to_be_hidden()
        tab.get_by_role("button", name="Filter and sort").click()
        expect(tab.get_by_role("heading", name="Filter")).to_be_focused()
    else:
        expect(tab.get_by_role("button", name="Filter and sort")).to_be_hidden()
    menu_items = tab.locator(".primary-nav a")
    for index in range(menu_items.count()):
        box = menu_items.nth(index).bounding_box()
        assert box["x"] + box["width"] <= VIEWPORTS[device]["width"], "menu items stay on screen"


def test_product_image_opens_zoomed_and_closes(tab, catalog):
    tab.goto("/product/ceramic-vase")
    tab.get_by_role("link", name=re.compile("Zoom")).click()

    dialog = tab.get_by_role("dialog", name="Zoomed image")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_colours_and_dark_mode_stay_axe_clean(browser, live_server, catalog, scheme):
    store = Store.load()
    store.basecolor, store.basecolor_contrast = "#ffd400", "#ffffff"  # fails AA: the page uses black text
    store.images_header = []
    store.featured_blocks = [{"title": "Summer linen", "text": "Light and cool.", "url": "/category/kitchen"}]
    store.save()
    context = browser.new_context(viewport=VIEWPORTS["desktop"], base_url=live_server.url, color_scheme=scheme)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    page = context.new_page()

    for path in ("/", "/category/kitchen", "/product/enamel-teapot", "/search?q=nothing-here"):
        page.goto(path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(21, 22, 26)") == (scheme == "dark"), path
        assert_axe_clean(page, f"{scheme} {path}")
    add_teapot_to_cart(page)
    assert_axe_clean(page, f"{scheme} cart")
    context.close()


def test_merchant_forced_dark_mode_wins_over_a_light_visitor(browser, live_server, catalog):
    Store.objects.filter(pk=Store.load().pk).update(dark_mode=True)
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server.url, color_scheme="light")
    page = context.new_page()
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
    )

    page.goto("/")

    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(21, 22, 26)"
    assert_axe_clean(page, "forced dark home")
    context.close()
