"""The demo catalog loader used by `seed_demo`."""

import io

import pytest

from catalog.demo import PRODUCTS, seed_demo
from catalog.digital.demo import PRODUCTS as DIGITAL_PRODUCTS
from catalog.models import Product, ProductImage


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


@pytest.mark.django_db
def test_seed_demo_is_idempotent(media_root):
    seed_demo(stdout=io.StringIO())
    seed_demo(stdout=io.StringIO())

    assert Product.objects.count() == len(PRODUCTS) + len(DIGITAL_PRODUCTS)
    assert Product.objects.get(slug="organic-cotton-tee").variants.count() == 6
    tote = Product.objects.get(slug="canvas-tote")
    assert [image.media.original_name for image in tote.images.all()] == ["sand.jpg", "forest.jpg"]
    demo_images = ProductImage.objects.filter(product__slug__in=[row[0] for row in PRODUCTS])
    assert demo_images.filter(media__isnull=False).count() == sum(len(row[-1]) for row in PRODUCTS)
