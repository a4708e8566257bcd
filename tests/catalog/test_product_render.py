"""The one-pass product rendering gives exactly what DRF's field-by-field rendering of ProductOutput gives."""

from decimal import Decimal

import pytest
from rest_framework import serializers

from catalog.models import DigitalListing
from catalog.queries import Viewer, products_for
from catalog.representations.context import product_context
from catalog.representations.products import ProductOutput
from tests.factories import (
    BrandFactory,
    CategoryFactory,
    MediaFactory,
    ProductFactory,
    ProductImageFactory,
    SellerFactory,
    VariantFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db

VIEWERS = {"anonymous": Viewer(), "wholesale": Viewer(is_wholesale=True), "staff": Viewer.staff_viewer()}


def rich_product():
    """A product that takes every branch of the rendering: relations, promo, wholesale, stock, media, digital."""
    parent = CategoryFactory(image_url="https://cdn.example.com/parent.jpg")
    product = ProductFactory(
        description="<p>Hand-thrown <b>oak</b> bowl &amp; more.</p>",
        price_cents=5000,
        promo_price_cents=3999,
        promo_show_percentage=True,
        wholesale_price_cents=2500,
        brand=BrandFactory(),
        seller=SellerFactory(avatar_url="https://cdn.example.com/avatar.png"),
        weight=Decimal("1.250"),
        weight_unit="kg",
        tax_rate_bp=2300,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        stripe_payment_link="https://buy.stripe.com/test_123",
        channels=[{"name": "Etsy", "url": "https://etsy.com/listing/1"}],
        stock_enabled=True,
        stock_quantity=7,
        stock_show=True,
        stock_notify=3,
        rating_avg=Decimal("4.50"),
        rating_count=2,
        rating_min=4,
        rating_max=5,
        categories=[CategoryFactory(parent=parent), parent],
    )
    ProductImageFactory(product=product, alt="Front", external_url="", media=MediaFactory())
    ProductImageFactory(product=product, alt="Side")
    product.tags.create(name="handmade")
    VariantFactory(product=product, price_cents=5500, stock_quantity=4)
    DigitalListing.objects.create(product=product, game="minecraft", download_count=12)
    version = VersionFactory(product=product)
    DigitalListing.objects.filter(product=product).update(latest_version=version)
    return product


def drf_rendering(serializer, product) -> dict:
    return serializers.Serializer.to_representation(serializer, product)


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_rich_product_renders_as_drf_renders_it(viewer):
    product = products_for(viewer).get(pk=rich_product().pk)
    serializer = ProductOutput(context=product_context(viewer))

    assert serializer.to_representation(product) == drf_rendering(serializer, product)


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_bare_product_renders_as_drf_renders_it(viewer):
    product = products_for(viewer).get(pk=ProductFactory(description="").pk)
    serializer = ProductOutput(context=product_context(viewer))

    assert serializer.to_representation(product) == drf_rendering(serializer, product)


def test_rendering_keeps_the_declared_field_order():
    product = products_for(Viewer()).get(pk=ProductFactory().pk)
    serializer = ProductOutput(context=product_context(Viewer()))

    assert list(serializer.to_representation(product)) == list(serializer.fields)
