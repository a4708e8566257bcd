"""The demo catalog loader used by `seed_demo`: one homeware theme, English names, identifiers and passports."""

import io

import pytest

from catalog.demo import CATEGORIES, IDENTIFIERS, PRODUCTS, seed_demo
from catalog.digital.demo import PRODUCTS as DIGITAL_PRODUCTS
from catalog.models import Category, Product, ProductImage
from catalog.passports.demo import PASSPORTS

pytestmark = pytest.mark.django_db

# Words of the Portuguese names earlier demos used, and of the game plugins they sold.
REPLACED_WORDS = ("decoração", "decoracao", "plugin", "minecraft")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path


@pytest.fixture
def seeded(media_root):
    seed_demo(stdout=io.StringIO())


def test_seed_demo_is_idempotent(media_root):
    seed_demo(stdout=io.StringIO())
    seed_demo(stdout=io.StringIO())

    assert Product.objects.count() == len(PRODUCTS) + len(DIGITAL_PRODUCTS)
    assert Product.objects.get(slug="linen-duvet-cover").variants.count() == 6
    tote = Product.objects.get(slug="canvas-tote")
    assert [image.media.original_name for image in tote.images.all()] == ["sand.jpg", "forest.jpg"]
    demo_images = ProductImage.objects.filter(product__slug__in=[row[0] for row in PRODUCTS])
    assert demo_images.filter(media__isnull=False).count() == sum(len(row[-1]) for row in PRODUCTS)


def test_no_demo_category_or_product_title_uses_a_replaced_word(seeded):
    titles = [*Category.objects.values_list("title", flat=True), *Product.objects.values_list("title", flat=True)]

    assert len(titles) == len(CATEGORIES) + len(PRODUCTS) + len(DIGITAL_PRODUCTS)
    assert [title for title in titles if any(word in title.lower() for word in REPLACED_WORDS)] == []


def test_every_physical_demo_product_has_a_gtin_and_the_batches_are_set(seeded):
    physical = Product.objects.filter(slug__in=IDENTIFIERS)

    assert all(len(product.gtin) == 14 for product in physical)
    assert physical.exclude(batch_number="").count() == sum(1 for _, batch, _ in IDENTIFIERS.values() if batch)
    assert Product.objects.get(slug="ceramic-vase").serial_number == "CV-0001"


def test_every_demo_passport_is_public_at_its_digital_link(client, seeded):
    slugs = sorted({slug for slug, serial in PASSPORTS if not serial})
    gtins = dict(Product.objects.filter(slug__in=slugs).values_list("slug", "gtin"))

    statuses = {slug: client.get(f"/01/{gtins[slug]}").status_code for slug in slugs}

    assert statuses == dict.fromkeys(slugs, 200)


def test_the_numbered_vase_shows_the_passport_of_its_own_unit(client, seeded):
    vase = Product.objects.get(slug="ceramic-vase")

    page = client.get(f"/01/{vase.gtin}/21/CV-0001").content.decode()

    assert "CV-0001" in page
    assert "the drips of the ash glaze on this vase are its own" in page


def test_a_demo_passport_page_names_materials_origin_and_care(client, seeded):
    board = Product.objects.get(slug="oak-cutting-board")

    page = client.get(f"/01/{board.gtin}").content.decode()

    assert "European oak" in page
    assert "Portugal" in page
    assert "oil with food-safe mineral oil" in page


def test_the_demo_pattern_has_a_stable_a_yanked_and_a_beta_version(seeded):
    pattern = Product.objects.get(slug="knitted-throw-pattern")

    versions = set(pattern.versions.values_list("version_tag", "channel", "yanked"))

    assert {("1.1.0", "stable", True), ("2.0.0-beta.1", "beta", False)} <= versions
    assert pattern.digital.latest_version.version_tag == "1.2.0"
