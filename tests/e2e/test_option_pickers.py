"""The product page's option pickers in Chromium at desktop (1280x900) and phone (390x844) sizes: one control per
option group (swatches for the colour), price, stock, image and the cart form following each choice, sold-out and
unavailable combinations marked, keyboard use, a page without script, and axe clean throughout."""

import re

import pytest
from playwright.sync_api import expect

from catalog import services
from catalog.models import ProductStatus, Variant
from tests.catalog.factories import CategoryFactory, ProductFactory, ProductImageFactory

from .conftest import svg_image
from .test_checkout_and_accessibility import BLOCKING_IMPACTS, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def device(request):
    return request.param


def open_tab(browser, live_server, device: str, *, script: bool = True):
    context = browser.new_context(viewport=VIEWPORTS[device], base_url=live_server.url, java_script_enabled=script)
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    return context


@pytest.fixture
def tab(browser, live_server, device):
    context = open_tab(browser, live_server, device)
    yield context.new_page()
    context.close()


@pytest.fixture
def duvet(shop):
    """Size x Colour, marked out of stock at product level while its variants have units; King / White sold out,
    King / Oat dearer, Single / Oat with a picture of its own."""
    product = ProductFactory(
        title="Linen Duvet Cover",
        slug="linen-duvet-cover",
        price_cents=8900,
        stock_enabled=True,
        stock_show=True,
        stock_notify=2,
        status=ProductStatus.OUT_OF_STOCK,
        categories=[CategoryFactory(title="Textiles", slug="textiles")],
    )
    ProductImageFactory(product=product, url=svg_image("dcd2c0"), alt="Linen duvet cover on a bed")
    services.create_option_group(product=product, title="Size", options=[{"title": t} for t in ("Single", "King")])
    services.create_option_group(product=product, title="Colour", options=[{"title": t} for t in ("White", "Oat")])
    units = {"Single / White": 5, "Single / Oat": 2, "King / White": 0, "King / Oat": 7}
    for variant in product.variants.all():
        services.update_variant(variant=variant, stock_quantity=units[variant.title])
    Variant.objects.filter(product=product, title="King / Oat").update(price_cents=10900)
    Variant.objects.filter(product=product, title="Single / Oat").update(image_url=svg_image("d8c8a8"))
    return product


def option(page, title: str):
    return page.locator(".option-button", has_text=re.compile(rf"^{title}"))


def test_each_choice_updates_price_stock_image_and_the_cart_form(tab, duvet):
    tab.goto("/product/linen-duvet-cover")
    expect(tab.get_by_role("group", name=re.compile("^Size"))).to_be_visible()
    expect(tab.get_by_role("group", name=re.compile("^Colour"))).to_be_visible()
    expect(tab.locator("#stock-label")).to_have_text("5 in stock")  # not "Out of stock": the units decide

    option(tab, "Oat").click()

    expect(tab.locator("#stock-label")).to_have_text("Only 2 left")
    expect(tab.locator("#gallery-main")).to_have_attribute("src", re.compile("d8c8a8"))
    expect(tab.locator(".option-group-colour [data-chosen-label]")).to_have_text("Oat")
    option(tab, "King").click()
    expect(tab.locator("#price-box .price-now")).to_have_text("109,00 €")
    expect(tab.locator("#gallery-main")).to_have_attribute("src", re.compile("dcd2c0"))  # back to the product's
    king_oat = Variant.objects.get(product=duvet, title="King / Oat").public_id
    expect(tab.locator("#variant-input")).to_have_value(king_oat)
    expect(tab).to_have_url(re.compile(f"variant={king_oat}"))
    tab.get_by_role("button", name="Add to cart").click()
    expect(tab.get_by_role("heading", name="Your cart")).to_be_visible()
    expect(tab.locator("main")).to_contain_text("King / Oat")


def test_a_sold_out_combination_is_marked_and_cannot_be_added(tab, duvet):
    tab.goto("/product/linen-duvet-cover")

    expect(option(tab, "King")).to_contain_text("sold out")  # with White, the current colour
    option(tab, "King").click()

    expect(tab.locator("#stock-label")).to_have_text("Out of stock")
    expect(tab.get_by_role("button", name="Add to cart")).to_be_disabled()
    expect(option(tab, "Oat")).not_to_contain_text("sold out")
    expect(tab.locator("#stock-alert")).to_be_visible()


def test_a_combination_without_a_variant_cannot_be_chosen(tab, duvet):
    Variant.objects.filter(product=duvet, title="King / Oat").update(active=False)
    tab.goto("/product/linen-duvet-cover")

    option(tab, "Oat").click()

    expect(tab.get_by_role("radio", name=re.compile("^King"))).to_be_disabled()
    expect(option(tab, "King")).to_contain_text("unavailable")


def test_options_are_chosen_with_the_keyboard(tab, duvet):
    tab.goto("/product/linen-duvet-cover")
    single = tab.get_by_role("radio", name=re.compile("^Single"))

    single.focus()
    tab.keyboard.press("ArrowRight")

    expect(tab.get_by_role("radio", name=re.compile("^King"))).to_be_focused()
    expect(tab.get_by_role("radio", name=re.compile("^King"))).to_be_checked()
    expect(tab.locator("#stock-label")).to_have_text("Out of stock")
    outline = tab.evaluate(
        "getComputedStyle(document.querySelector('.option-input:focus-visible + .option-button')).outlineStyle"
    )
    assert outline == "solid"


def test_the_page_is_axe_clean_and_fits_the_screen(tab, duvet, device):
    tab.goto("/product/linen-duvet-cover")
    option(tab, "King").click()

    blocking = [
        (item["id"], item["nodes"][0]["html"]) for item in axe_violations(tab) if item["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == []
    width = VIEWPORTS[device]["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.locator("h1").count() == 1


def test_without_script_the_chosen_options_reload_the_page_on_their_variant(browser, live_server, duvet, device):
    context = open_tab(browser, live_server, device, script=False)
    page = context.new_page()
    page.goto("/product/linen-duvet-cover")

    option(page, "King").click()
    option(page, "Oat").click()
    page.get_by_role("button", name="Show this option").click()

    expect(page.locator("#stock-label")).to_have_text("7 in stock")
    expect(page.locator("#price-box .price-now")).to_have_text("109,00 €")
    king_oat = Variant.objects.get(product=duvet, title="King / Oat").public_id
    expect(page.locator("#variant-input")).to_have_value(king_oat)
    context.close()
