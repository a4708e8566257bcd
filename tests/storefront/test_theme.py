"""The store theme on the pages: stored colours as CSS custom properties (adjusted to reach AA contrast), the
merchant's dark-mode choice, the header image and the featured blocks of the home page."""

import pytest

from shopplatform.store.theme import AA_TEXT, contrast, featured_blocks, header_image, theme_colours

pytestmark = pytest.mark.django_db


def test_stored_colours_become_css_custom_properties(client, store):
    store.basecolor, store.basecolor_contrast = "#1d4ed8", "#ffffff"
    store.save()

    page = client.get("/").content.decode()

    assert "--brand: #1d4ed8; --brand-contrast: #ffffff;" in page


def test_a_contrast_colour_that_fails_aa_is_replaced_by_black_or_white(store):
    store.basecolor, store.basecolor_contrast = "#ffee00", "#ffffff"  # white on yellow: 1.2:1

    colours = theme_colours(store)

    assert colours.brand_contrast == "#000000"
    assert contrast(colours.brand, colours.brand_contrast) >= AA_TEXT


@pytest.mark.parametrize("brand", ["#db0a5b", "#ffee00", "#0a0a0a", "#777777", "#22c55e"])
def test_brand_text_reads_on_both_page_backgrounds(store, brand):
    store.basecolor = brand

    colours = theme_colours(store)

    assert contrast("#ffffff", colours.brand_text_light) >= AA_TEXT
    assert contrast("#15161a", colours.brand_text_dark) >= AA_TEXT


def test_a_malformed_stored_colour_falls_back_instead_of_failing_the_page(client, store):
    type(store).objects.filter(pk=store.pk).update(basecolor="red")

    response = client.get("/")

    assert response.status_code == 200
    assert "--brand: #db0a5b;" in response.content.decode()


@pytest.mark.parametrize(("dark_mode", "attribute"), [(True, ' data-theme="dark"'), (False, ' data-theme="light"')])
def test_the_merchants_dark_mode_choice_is_forced_on_the_page(client, store, dark_mode, attribute):
    store.dark_mode = dark_mode
    store.save()

    assert f'<html lang="en"{attribute}>' in client.get("/").content.decode()


def test_without_a_choice_the_page_follows_the_visitor(client, store):
    page = client.get("/").content.decode()

    assert '<html lang="en">' in page
    assert '<meta name="color-scheme" content="light dark">' in page


def test_home_page_shows_the_header_image_and_featured_blocks(client, store):
    store.images_header = ["https://cdn.example.com/banner.jpg", "https://cdn.example.com/second.jpg"]
    store.featured_blocks = [
        {"title": "Summer linen", "text": "Light and cool.", "url": "/category/textiles", "link_text": "Shop linen"},
        {"text": "A block without a title is skipped"},
    ]
    store.save()

    page = client.get("/").content.decode()

    assert 'class="hero-image" src="https://cdn.example.com/banner.jpg"' in page
    assert "second.jpg" not in page
    assert "<h3>Summer linen</h3>" in page and 'href="/category/textiles">Shop linen' in page
    assert "without a title" not in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example.com/x", "data:text/html,hi"])
def test_featured_block_links_other_than_http_or_store_paths_are_dropped(store, url):
    store.featured_blocks = [{"title": "Offer", "url": url, "image": url}]
    store.images_header = [url]

    (block,) = featured_blocks(store)

    assert (block.url, block.image, header_image(store)) == ("", "", "")
