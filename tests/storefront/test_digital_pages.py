"""Digital products on the store pages: the account's downloads and reviews, the product page's review form and
free-product claim."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.digital import services as digital_services
from catalog.models import Ownership, Review, Version
from shopplatform.accounts.models import Customer
from tests.catalog.digital.factories import OrderLineFactory, UserFactory
from tests.catalog.factories import ProductFactory
from tests.catalog.reviews.factories import ReviewFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


def add_version(product, tag, *, channel="stable"):
    return digital_services.create_version(
        product=product, version_tag=tag, channel=channel, file=ContentFile(f"{tag}".encode()), filename=f"p-{tag}.jar"
    )


@pytest.fixture
def plugin(store):
    plugin = ProductFactory(title="CoolPlugin", slug="coolplugin", price_cents=999)
    add_version(plugin, "1.0.0")
    add_version(plugin, "1.2.0")
    return plugin


@pytest.fixture
def freemap(store):
    freemap = ProductFactory(title="FreeMap", slug="freemap", price_cents=0, is_free=True)
    add_version(freemap, "0.9.0")
    return freemap


@pytest.fixture
def owner(buyer, plugin):
    """The signed-in buyer after a paid order for the plugin."""
    OrderLineFactory(order__customer=Customer.objects.get(user=buyer), product=plugin)
    return buyer


@pytest.mark.parametrize("path", ["/account/downloads/", "/account/reviews/", "/account/privacy/"])
def test_new_account_sections_require_sign_in(client, store, path):
    assert client.get(path)["Location"].startswith("/account/login/?next=")


def test_downloads_list_owned_products_with_their_visible_versions_newest_first(buyer_client, owner, plugin):
    """Yanked and beta versions are not offered to buyers."""
    digital_services.update_version(version=add_version(plugin, "1.1.0"), yanked=True)
    add_version(plugin, "2.0.0-beta.1", channel="beta")

    page = buyer_client.get("/account/downloads/").content.decode()

    assert "CoolPlugin" in page
    assert page.index(">1.2.0") < page.index(">1.0.0")
    assert "1.1.0" not in page and "2.0.0-beta.1" not in page


def test_downloads_leave_out_products_of_refunded_orders(buyer_client, buyer, plugin):
    OrderLineFactory(order__customer=Customer.objects.get(user=buyer), order__refunded_cents=999, product=plugin)

    assert "CoolPlugin" not in buyer_client.get("/account/downloads/").content.decode()


def test_download_link_counts_and_redirects_to_a_signed_60_second_url(buyer_client, owner, plugin):
    """302 to the signed local URL, which serves the file."""
    version = Version.objects.get(product=plugin, version_tag="1.2.0")

    response = buyer_client.get(f"/account/downloads/coolplugin/{version.public_id}")

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = urlsplit(response["Location"]).path
    assert location.startswith("/downloads/")
    assert b"".join(Client().get(location).streaming_content) == b"1.2.0"
    version.refresh_from_db()
    assert version.download_count == 1


def test_download_link_is_refused_to_a_buyer_who_does_not_own_the_product(buyer_client, buyer, plugin):
    version = Version.objects.get(product=plugin, version_tag="1.2.0")

    response = buyer_client.get(f"/account/downloads/coolplugin/{version.public_id}")

    assert response.status_code == 403
    version.refresh_from_db()
    assert version.download_count == 0


def test_download_link_of_a_yanked_version_is_404(buyer_client, owner, plugin):
    version = digital_services.update_version(version=add_version(plugin, "1.1.0"), yanked=True)

    assert buyer_client.get(f"/account/downloads/coolplugin/{version.public_id}").status_code == 404


def test_product_page_offers_owners_the_review_form(buyer_client, owner, plugin):
    page = buyer_client.get("/product/coolplugin").content.decode()

    assert 'id="review-form"' in page


def test_product_page_hides_the_review_form_from_non_owners(buyer_client, buyer, plugin):
    assert 'id="review-form"' not in buyer_client.get("/product/coolplugin").content.decode()


def test_owner_posts_a_review_through_the_reviews_service(buyer_client, owner, plugin):
    """The review is stored, the rating summary follows, and the text shows on the product page."""
    response = buyer_client.post(
        "/product/coolplugin/review", {"rating": "5", "body": "Great plugin <b>really</b>"}, follow=True
    )

    review = Review.objects.get()
    assert (review.rating, review.customer.user) == (5, owner)
    assert review.body == "<p>Great plugin &lt;b&gt;really&lt;/b&gt;</p>"
    plugin.refresh_from_db()
    assert plugin.rating_count == 1
    assert "Great plugin &lt;b&gt;really&lt;/b&gt;" in response.content.decode()


def test_short_review_is_refused_with_the_input_kept(buyer_client, owner, plugin):
    response = buyer_client.post("/product/coolplugin/review", {"rating": "3", "body": "Too short"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Too short</textarea>" in page
    assert re.search(r'value="3"[^>]* checked', page)
    assert not Review.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", "four", ""])
def test_review_rating_outside_one_to_five_is_refused(buyer_client, owner, plugin, rating):
    response = buyer_client.post("/product/coolplugin/review", {"rating": rating, "body": "A long enough review."})

    assert response.status_code == 400
    assert not Review.objects.exists()


def test_non_owner_posting_a_review_sees_the_service_refusal(buyer_client, buyer, plugin):
    response = buyer_client.post("/product/coolplugin/review", {"rating": "4", "body": "I never bought it."})

    assert response.status_code == 400
    assert "Only customers who own this product may review it." in response.content.decode()
    assert not Review.objects.exists()


def test_posting_again_edits_the_buyers_review(buyer_client, owner, plugin):
    buyer_client.post("/product/coolplugin/review", {"rating": "2", "body": "Crashed on first start."})
    buyer_client.post("/product/coolplugin/review", {"rating": "4", "body": "Fixed in 1.2.0, good now."})

    assert list(Review.objects.values_list("rating", flat=True)) == [4]


def test_free_product_claim_button_takes_ownership_and_lists_the_download(buyer_client, buyer, freemap):
    assert 'id="claim-button"' in buyer_client.get("/product/freemap").content.decode()

    response = buyer_client.post("/product/freemap/claim", follow=True)

    assert Ownership.objects.filter(customer__user=buyer, product=freemap).count() == 1
    assert response.redirect_chain[-1][0] == "/account/downloads/"
    assert "0.9.0" in response.content.decode()


def test_claiming_a_paid_product_is_refused(buyer_client, buyer, plugin):
    response = buyer_client.post("/product/coolplugin/claim", follow=True)

    assert "This product is not free" in response.content.decode()
    assert not Ownership.objects.exists()


def test_guests_are_asked_to_sign_in_to_claim(client, freemap):
    page = client.get("/product/freemap").content.decode()

    assert "Sign in to get it free" in page
    assert client.post("/product/freemap/claim")["Location"].startswith("/account/login/")


def test_account_reviews_lists_the_buyers_reviews_only(buyer_client, buyer, plugin):
    ReviewFactory(product=plugin, customer=Customer.objects.get(user=buyer), body="<p>Mine, about the plugin</p>")
    ReviewFactory(product=plugin, body="<p>Someone else's words</p>")

    page = buyer_client.get("/account/reviews/").content.decode()

    assert "Mine, about the plugin" in page
    assert "Someone else" not in page


def test_buyer_deletes_their_review_from_the_account(buyer_client, buyer, plugin):
    review = ReviewFactory(product=plugin, customer=Customer.objects.get(user=buyer))

    buyer_client.post(f"/account/reviews/{review.public_id}/delete")

    assert not Review.objects.exists()


def test_buyer_cannot_delete_someone_elses_review(buyer_client, buyer, plugin):
    review = ReviewFactory(product=plugin, customer__user=UserFactory())

    assert buyer_client.post(f"/account/reviews/{review.public_id}/delete").status_code == 404
    assert Review.objects.filter(pk=review.pk).exists()


def test_downloads_page_costs_the_same_queries_for_one_or_many_products(buyer_client, owner, plugin):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert buyer_client.get("/account/downloads/").status_code == 200
        return len(captured)

    one = queries_for_page()
    for index in range(3):
        product = ProductFactory(slug=f"plugin-{index}")
        add_version(product, "1.0.0")
        Ownership.objects.create(customer=Customer.objects.get(user=owner), product=product)

    assert queries_for_page() == one
