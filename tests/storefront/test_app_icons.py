"""App icons: every store page links the apple-touch-icon and the web app manifest; the manifest names the store
and its PNG icons (192 and 512 px, served as static files); the root icon paths iOS asks for are not 404 pages."""

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


def test_pages_link_the_touch_icon_and_the_manifest(client, store):
    page = client.get("/").content.decode()

    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in page
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


def test_manifest_names_the_store_and_lists_its_icons(client, store):
    store.name, store.basecolor = "Casa Azul Cerâmica Artesanal", "#1e6eb4"
    store.save()

    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    assert "max-age=3600" in response["Cache-Control"]
    manifest = response.json()
    assert (manifest["name"], manifest["short_name"]) == ("Casa Azul Cerâmica Artesanal", "Casa Azul C…")
    assert (manifest["start_url"], manifest["theme_color"]) == ("/", "#1e6eb4")
    assert [(icon["src"], icon["sizes"], icon["purpose"]) for icon in manifest["icons"]] == [
        ("/static/icons/icon-192.png", "192x192", "any"),
        ("/static/icons/icon-512.png", "512x512", "any"),
        ("/static/icons/icon-maskable-512.png", "512x512", "maskable"),
    ]


@pytest.mark.parametrize(
    ("path", "size"),
    [
        ("icons/icon-192.png", (192, 192)),
        ("icons/icon-512.png", (512, 512)),
        ("icons/icon-maskable-512.png", (512, 512)),
        ("icons/apple-touch-icon.png", (180, 180)),
    ],
)
def test_each_icon_is_a_png_of_its_stated_size(path, size):
    with Image.open(finders.find(path)) as image:
        assert (image.format, image.size) == ("PNG", size)


def test_apple_touch_icon_is_opaque_because_ios_fills_transparency_with_black():
    with Image.open(finders.find("icons/apple-touch-icon.png")) as image:
        assert image.mode == "RGB"


@pytest.mark.parametrize("path", ["/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"])
def test_root_touch_icon_paths_redirect_to_the_static_icon(client, store, path):
    response = client.get(path)

    assert (response.status_code, response["Location"]) == (301, "/static/icons/apple-touch-icon.png")
