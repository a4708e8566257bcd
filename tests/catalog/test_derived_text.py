"""The shown excerpt and meta description are stored when a product is written, never left behind by a write."""

import pytest

from catalog.models import Product
from catalog.services import create_product, update_product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def stored(product: Product) -> Product:
    return Product.objects.get(pk=product.pk)


def test_create_stores_the_excerpt_derived_from_the_description():
    product = create_product(title="Bowl", price_cents=100, description="<p>Hand-thrown <b>oak</b> bowl.</p>")

    assert stored(product).derived_excerpt == "Hand-thrown oak bowl."


def test_create_stores_the_meta_description_derived_from_the_description():
    product = create_product(title="Bowl", price_cents=100, description="<p>Hand-thrown <b>oak</b> bowl.</p>")

    assert stored(product).derived_meta_description == "Hand-thrown oak bowl."


def test_derived_excerpt_is_cut_at_a_word_with_an_ellipsis():
    product = create_product(title="Bowl", price_cents=100, description="<p>" + "word " * 100 + "</p>")

    excerpt = stored(product).derived_excerpt
    assert len(excerpt) <= 200
    assert excerpt.endswith("…")


def test_updating_the_description_updates_the_stored_excerpt():
    product = ProductFactory(description="<p>Old text.</p>")

    update_product(product=product, description="<p>New text.</p>")

    assert stored(product).derived_excerpt == "New text."


def test_updating_the_description_updates_the_stored_meta_description():
    product = ProductFactory(description="<p>Old text.</p>")

    update_product(product=product, description="<p>New text.</p>")

    assert stored(product).derived_meta_description == "New text."


def test_an_explicit_excerpt_is_shown_instead_of_the_description():
    product = ProductFactory(description="<p>From the description.</p>")

    update_product(product=product, excerpt="Written by hand.")

    assert stored(product).display_excerpt == "Written by hand."


def test_clearing_the_explicit_excerpt_falls_back_to_the_description():
    product = ProductFactory(description="<p>From the description.</p>", excerpt="Written by hand.")

    update_product(product=product, excerpt="")

    assert stored(product).display_excerpt == "From the description."


def test_an_explicit_meta_description_is_shown_instead_of_the_description():
    product = ProductFactory(description="<p>From the description.</p>")

    update_product(product=product, meta_description="For search engines.")

    assert stored(product).display_meta_description == "For search engines."


def test_saving_only_the_description_also_saves_the_derived_text():
    product = ProductFactory(description="<p>Old text.</p>")
    product.description = "<p>New text.</p>"

    product.save(update_fields=["description"])

    assert stored(product).derived_excerpt == "New text."


def test_api_detail_shows_the_stored_excerpt_after_an_update(staff_client, anonymous_client):
    product = ProductFactory(description="<p>Old text.</p>")

    staff_client.patch(f"/api/v1/products/{product.public_id}", {"description": "<p>New text.</p>"}, format="json")

    body = anonymous_client.get(f"/api/v1/products/{product.public_id}").json()
    assert (body["excerpt"], body["meta_description"]) == ("New text.", "New text.")
