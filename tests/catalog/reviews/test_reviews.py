"""Reviews: owners only, rating 1-5, body ≥ 10 characters, one per buyer, public sorted pages, helpful votes,
moderation, and the product's rating summary."""

import pytest

from catalog.models import ProductStatus, Review
from tests.catalog.digital.factories import OrderLineFactory, RegisteredCustomerFactory, UserFactory
from webhooks.models import Event

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db
BODY = "Great plugin, saved me hours."


def post_review(client, product, rating=5, body=BODY):
    return client.post(f"/api/v1/products/{product.public_id}/reviews", {"rating": rating, "body": body}, format="json")


def rating_of(client, product) -> dict:
    body = client.get(f"/api/v1/products/{product.public_id}").json()
    return {**body["rating"], "rating_avg": body["rating_avg"], "rating_count": body["rating_count"]}


def owned_review(product, rating: int, **fields) -> Review:
    """A review by a new customer who bought the product."""
    customer = OrderLineFactory(product=product).order.customer
    return ReviewFactory(product=product, customer=customer, rating=rating, **fields)


def test_an_owner_posts_a_review(customer_client, owner, product):
    response = post_review(customer_client, product, rating=4)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"].startswith("rev_")
    assert (body["product_id"], body["rating"], body["body"], body["helpful_count"]) == (product.public_id, 4, BODY, 0)
    assert body["author_name"] == owner.name


def test_a_customer_who_does_not_own_the_product_cannot_review(customer_client, product):
    response = post_review(customer_client, product)

    assert response.status_code == 403
    assert response.json()["code"] == "not_owner"


def test_the_seller_cannot_review_its_own_product(seller_client, product):
    assert post_review(seller_client, product).status_code == 403


def test_posting_a_review_needs_shop_write(make_client, customer_user, owner, product):
    client = make_client(customer_user, scopes="catalog:read catalog:write")

    response = post_review(client, product)

    assert response.status_code == 403
    assert response.json()["param"] == "shop:write"


@pytest.mark.parametrize("rating", [0, 6, 4.5, "four", None, True])
def test_a_rating_outside_the_integers_1_to_5_is_400(customer_client, owner, product, rating):
    response = post_review(customer_client, product, rating=rating)

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "rating"


@pytest.mark.parametrize("body", ["too short", "<p>   <b>short</b></p>", ""])
def test_a_body_under_10_characters_of_text_is_400(customer_client, owner, product, body):
    response = post_review(customer_client, product, body=body)

    assert response.status_code == 400


def test_the_body_is_sanitized(customer_client, owner, product):
    body = '<p onclick="x()">Works <a href="https://spam.example">great</a><script>alert(1)</script></p>'

    response = post_review(customer_client, product, body=body)

    assert response.json()["body"] == "<p>Works great</p>"


def test_posting_again_updates_the_buyers_one_review(customer_client, owner, product):
    first = post_review(customer_client, product, rating=2).json()

    again = post_review(customer_client, product, rating=5, body="Changed my mind, it is great.")

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Review.objects.filter(product=product).count() == 1
    assert rating_of(customer_client, product)["rating_avg"] == 5.0


def test_creating_a_review_emits_review_created_once(customer_client, owner, product):
    review = post_review(customer_client, product).json()
    post_review(customer_client, product, rating=3)

    events = Event.objects.filter(type="review.created")
    assert events.count() == 1
    assert events.get().data["object"]["id"] == review["id"]


def test_the_rating_summary_follows_create_update_hide_and_delete(
    customer_client, staff_client, anonymous_client, owner, product
):
    owned_review(product, 2)
    mine = post_review(customer_client, product, rating=4).json()
    assert rating_of(anonymous_client, product) == {
        "average": 3.0,
        "count": 2,
        "min": 2,
        "max": 4,
        "rating_avg": 3.0,
        "rating_count": 2,
    }

    post_review(customer_client, product, rating=5)
    assert rating_of(anonymous_client, product)["average"] == 3.5

    staff_client.patch(f"/api/v1/reviews/{mine['id']}", {"hidden": True}, format="json")
    assert rating_of(anonymous_client, product) == {
        "average": 2.0,
        "count": 1,
        "min": 2,
        "max": 2,
        "rating_avg": 2.0,
        "rating_count": 1,
    }

    staff_client.patch(f"/api/v1/reviews/{mine['id']}", {"hidden": False}, format="json")
    customer_client.delete(f"/api/v1/reviews/{mine['id']}")
    assert rating_of(anonymous_client, product)["count"] == 1


def test_the_rating_summary_is_empty_without_reviews(customer_client, owner, product):
    mine = post_review(customer_client, product).json()

    customer_client.delete(f"/api/v1/reviews/{mine['id']}")

    assert rating_of(customer_client, product) == {
        "average": 0.0,
        "count": 0,
        "min": None,
        "max": None,
        "rating_avg": 0.0,
        "rating_count": 0,
    }


def test_a_hidden_review_leaves_the_public_list_but_staff_still_see_it(anonymous_client, staff_client, product):
    review = owned_review(product, 3)
    staff_client.patch(f"/api/v1/reviews/{review.public_id}", {"hidden": True}, format="json")

    public = anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews").json()
    staff = staff_client.get(f"/api/v1/products/{product.public_id}/reviews").json()

    assert public["data"] == []
    assert [(r["id"], r["hidden"]) for r in staff["data"]] == [(review.public_id, True)]
    assert anonymous_client.get(f"/api/v1/reviews/{review.public_id}").status_code == 404


def test_only_staff_may_hide_a_review(customer_client, product):
    review = owned_review(product, 3)

    response = customer_client.patch(f"/api/v1/reviews/{review.public_id}", {"hidden": True}, format="json")

    assert response.status_code == 403


def test_another_customer_cannot_delete_a_review(stranger_client, product):
    review = owned_review(product, 3)

    assert stranger_client.delete(f"/api/v1/reviews/{review.public_id}").status_code == 403
    assert Review.objects.filter(pk=review.pk).exists()


def test_staff_may_delete_any_review(staff_client, product):
    review = owned_review(product, 3)

    assert staff_client.delete(f"/api/v1/reviews/{review.public_id}").status_code == 204
    assert not Review.objects.filter(pk=review.pk).exists()


def test_a_helpful_vote_counts_once_per_user(stranger_client, product):
    review = owned_review(product, 4)

    first = stranger_client.post(f"/api/v1/reviews/{review.public_id}/helpful")
    again = stranger_client.post(f"/api/v1/reviews/{review.public_id}/helpful")

    assert (first.status_code, first.json()["helpful_count"]) == (200, 1)
    assert (again.status_code, again.json()["helpful_count"]) == (200, 1)


def test_the_author_cannot_vote_their_own_review_helpful(customer_client, owner, product):
    mine = post_review(customer_client, product).json()

    response = customer_client.post(f"/api/v1/reviews/{mine['id']}/helpful")

    assert response.status_code == 403
    assert response.json()["code"] == "own_review_vote"


def test_voting_anonymously_is_401(anonymous_client, product):
    review = owned_review(product, 4)

    assert anonymous_client.post(f"/api/v1/reviews/{review.public_id}/helpful").status_code == 401


@pytest.fixture
def three_reviews(product):
    """(oldest 5★ 1 vote, middle 1★ 3 votes, newest 3★ 0 votes)"""
    reviews = [owned_review(product, 5, helpful_count=1), owned_review(product, 1, helpful_count=3)]
    reviews.append(owned_review(product, 3))
    return [review.public_id for review in reviews]


@pytest.mark.parametrize(
    ("sort", "order"),
    [("newest", [2, 1, 0]), ("highest", [0, 2, 1]), ("lowest", [1, 2, 0]), ("helpful", [1, 0, 2]), (None, [2, 1, 0])],
)
def test_reviews_are_sorted(anonymous_client, product, three_reviews, sort, order):
    """Sort newest | highest | lowest | helpful (default newest)."""
    query = {"sort": sort} if sort else {}

    response = anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews", query)

    assert [review["id"] for review in response.json()["data"]] == [three_reviews[i] for i in order]


def test_an_unknown_sort_is_400(anonymous_client, product):
    response = anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews", {"sort": "best"})

    assert response.status_code == 400


@pytest.mark.parametrize(("limit", "status"), [(50, 200), (51, 400)])
def test_review_pages_hold_at_most_50(anonymous_client, product, limit, status):
    """Limit max 50."""
    assert anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews", {"limit": limit}).status_code == status


def test_review_pages_use_the_page_envelope(anonymous_client, product):
    for rating in (1, 2, 3):
        owned_review(product, rating)

    response = anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews", {"limit": 2, "page": 2})

    body = response.json()
    assert (len(body["data"]), body["page"], body["total"], body["total_pages"], body["has_more"]) == (
        1,
        2,
        3,
        2,
        False,
    )
    assert response["X-Total-Count"] == "3"


def test_reviews_of_a_non_live_product_are_404_for_the_public(anonymous_client, product):
    owned_review(product, 4)
    product.status = ProductStatus.DRAFT
    product.save()

    assert anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews").status_code == 404


def test_the_review_list_costs_the_same_queries_for_one_or_many(
    anonymous_client, product, django_assert_max_num_queries
):
    owned_review(product, 4)
    with django_assert_max_num_queries(20) as one:
        anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews")
    for rating in (1, 2, 3, 4, 5) * 4:
        owned_review(product, rating)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = anonymous_client.get(f"/api/v1/products/{product.public_id}/reviews", {"limit": 50})
    assert len(response.json()["data"]) == 21


def test_a_deleted_customer_leaves_an_anonymous_review(anonymous_client, product):
    review = owned_review(product, 4)
    review.customer.delete()

    body = anonymous_client.get(f"/api/v1/reviews/{review.public_id}").json()

    assert body["author_name"] == "Anonymous"


def test_reviews_are_readable_by_anonymous_callers(anonymous_client, product):
    customer = RegisteredCustomerFactory(name="Ana")
    OrderLineFactory(order__customer=customer, product=product)
    ReviewFactory(product=product, customer=customer)

    response = anonymous_client.get(f"/api/v1/products/{product.slug}/reviews")

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    assert response.json()["data"][0]["author_name"] == "Ana"


def test_helpful_voter_needs_no_ownership(make_client, product):
    review = owned_review(product, 4)
    client = make_client(UserFactory(), scopes="shop:write")

    assert client.post(f"/api/v1/reviews/{review.public_id}/helpful").status_code == 200
