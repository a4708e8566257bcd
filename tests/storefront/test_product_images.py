"""Pictures of products: a drawn placeholder on cards and product pages when a product has none (a document for
downloads, a parcel otherwise), and covers for the demo's digital products, also for ones seeded before them."""

from io import StringIO

import pytest

from catalog.digital.demo import GUIDE_SLUG, PATTERN_SLUG, seed_digital_demo
from catalog.models import Product
from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_a_card_without_a_picture_shows_the_placeholder_tile(client, kitchen):
    ProductFactory(title="Bare Jug", categories=[kitchen])

    page = client.get("/category/kitchen").content.decode()

    card = page[page.index('<article class="card">') : page.index("Bare Jug")]
    assert '<div class="no-image" aria-hidden="true">' in card
    assert "<svg" in card


def test_a_download_without_a_picture_is_named_on_its_page(client, store):
    ProductFactory(title="CoolPlugin", slug="coolplugin", ships=False)

    page = client.get("/product/coolplugin").content.decode()

    assert 'role="img" aria-label="CoolPlugin: no picture yet"' in page
    assert "Digital download</span>" in page


def test_a_physical_product_without_a_picture_says_no_picture_yet(client, store):
    ProductFactory(title="Bare Jug", slug="bare-jug")

    page = client.get("/product/bare-jug").content.decode()

    assert "No picture yet</span>" in page


def test_digital_demo_products_get_a_cover(store):
    seed_digital_demo(stdout=StringIO())

    for slug in (PATTERN_SLUG, GUIDE_SLUG):
        image = Product.objects.get(slug=slug).images.get()
        assert image.media is not None
        assert image.alt.startswith("Cover of ")


def test_digital_demo_gives_a_cover_to_a_product_an_earlier_demo_left_without_one(store):
    ProductFactory(title="Knitted Throw Pattern", slug=PATTERN_SLUG, ships=False)

    seed_digital_demo(stdout=StringIO())

    assert Product.objects.get(slug=PATTERN_SLUG).images.count() == 1
