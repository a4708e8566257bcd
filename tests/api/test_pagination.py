"""Page and cursor list envelopes."""

import pytest

from shopplatform.accounts.models import ApiKey
from shopplatform.accounts.services import issue_api_key

pytestmark = pytest.mark.django_db

PAGES = "/api/v1/test/api-keys"
CURSORS = "/api/v1/api-keys"


@pytest.fixture
def thirty_keys(customer_user, settings):
    settings.API_KEYS_PER_USER = 30
    return [issue_api_key(user=customer_user, scopes="wallet:read", name=f"k{index}")[0] for index in range(30)]


@pytest.mark.urls("tests.api.urls")
class TestPagePagination:
    def test_first_page_has_default_limit_and_totals(self, anonymous_client, thirty_keys):
        response = anonymous_client.get(PAGES)

        body = response.json()
        assert len(body["data"]) == 25
        assert (body["has_more"], body["page"], body["limit"], body["total"], body["total_pages"]) == (
            True,
            1,
            25,
            30,
            2,
        )
        assert response["X-Total-Count"] == "30"
        assert response["Link"] == f'<http://testserver{PAGES}?page=2>; rel="next"'

    def test_last_page_links_back_and_has_no_more(self, anonymous_client, thirty_keys):
        response = anonymous_client.get(PAGES, {"page": 2})

        body = response.json()
        assert [item["id"] for item in body["data"]] == [key.public_id for key in thirty_keys[25:]]
        assert body["has_more"] is False
        assert response["Link"] == f'<http://testserver{PAGES}?page=1>; rel="prev"'

    def test_page_beyond_the_end_is_empty(self, anonymous_client, thirty_keys):
        body = anonymous_client.get(PAGES, {"page": 9}).json()

        assert (body["data"], body["has_more"], body["total"]) == ([], False, 30)

    @pytest.mark.parametrize("limit", ["0", "101", "-1", "ten"])
    def test_limit_outside_1_to_100_is_400(self, anonymous_client, limit):
        response = anonymous_client.get(PAGES, {"limit": limit})

        assert response.status_code == 400
        assert response.json()["code"] == "invalid_pagination"
        assert response.json()["param"] == "limit"

    def test_limit_100_is_accepted(self, anonymous_client, thirty_keys):
        body = anonymous_client.get(PAGES, {"limit": 100}).json()

        assert len(body["data"]) == 30

    def test_page_zero_is_400(self, anonymous_client):
        assert anonymous_client.get(PAGES, {"page": 0}).json()["param"] == "page"

    def test_query_count_does_not_grow_with_page_size(
        self, anonymous_client, customer_user, django_assert_max_num_queries
    ):
        issue_api_key(user=customer_user, scopes="wallet:read")
        with django_assert_max_num_queries(2) as one_row:
            anonymous_client.get(PAGES)
        ApiKey.objects.bulk_create(
            ApiKey(user=customer_user, prefix="shp_bulk", secret_hash=f"{index:064d}") for index in range(60)
        )

        with django_assert_max_num_queries(len(one_row.captured_queries)):
            anonymous_client.get(PAGES, {"limit": 100})


class TestCursorPagination:
    @pytest.fixture
    def keys_newest_first(self, make_client, customer_user):
        client = make_client(customer_user)
        for index in range(4):
            issue_api_key(user=customer_user, scopes="wallet:read", name=f"k{index}")
        return client, list(ApiKey.objects.filter(user=customer_user).order_by("-created_at", "-pk"))

    def test_first_page_gives_next_cursor(self, keys_newest_first):
        client, keys = keys_newest_first

        body = client.get(CURSORS, {"limit": 2}).json()

        assert [item["id"] for item in body["data"]] == [key.public_id for key in keys[:2]]
        assert body["has_more"] is True
        assert body["next_cursor"] == keys[1].public_id

    def test_starting_after_continues_with_older_items(self, keys_newest_first):
        client, keys = keys_newest_first

        body = client.get(CURSORS, {"limit": 2, "starting_after": keys[1].public_id}).json()

        assert [item["id"] for item in body["data"]] == [key.public_id for key in keys[2:4]]
        assert body["has_more"] is True

    def test_last_page_has_no_cursor(self, keys_newest_first):
        client, keys = keys_newest_first

        body = client.get(CURSORS, {"limit": 2, "starting_after": keys[3].public_id}).json()

        assert [item["id"] for item in body["data"]] == [keys[4].public_id]
        assert (body["has_more"], body["next_cursor"]) == (False, None)

    def test_ending_before_lists_newer_items_newest_first(self, keys_newest_first):
        client, keys = keys_newest_first

        body = client.get(CURSORS, {"limit": 2, "ending_before": keys[4].public_id}).json()

        assert [item["id"] for item in body["data"]] == [key.public_id for key in keys[2:4]]
        assert body["has_more"] is True

    def test_unknown_cursor_is_400(self, keys_newest_first):
        client, _ = keys_newest_first

        response = client.get(CURSORS, {"starting_after": "key_doesnotexist"})

        assert response.status_code == 400
        assert response.json()["param"] == "starting_after"

    def test_both_cursors_at_once_is_400(self, keys_newest_first):
        client, keys = keys_newest_first

        response = client.get(CURSORS, {"starting_after": keys[0].public_id, "ending_before": keys[1].public_id})

        assert response.status_code == 400

    @pytest.mark.parametrize("limit", ["0", "101"])
    def test_limit_outside_1_to_100_is_400(self, keys_newest_first, limit):
        client, _ = keys_newest_first

        assert client.get(CURSORS, {"limit": limit}).status_code == 400


@pytest.mark.django_db
def test_anonymous_product_totals_are_shared_for_a_minute_but_keyed_callers_count_exactly(
    anonymous_client, staff_client
):
    from tests.catalog.factories import ProductFactory

    ProductFactory()
    first = anonymous_client.get("/api/v1/products?limit=1").json()["total"]
    ProductFactory()

    anonymous = anonymous_client.get("/api/v1/products?limit=1").json()["total"]
    keyed = staff_client.get("/api/v1/products?limit=1").json()["total"]

    assert (first, anonymous, keyed) == (1, 1, 2)


def test_a_shared_count_never_hides_rows_on_a_page_that_shows_the_end(anonymous_client):
    """A page shorter than its limit shows where the list ends, so its total is exact whatever count is shared."""
    from tests.catalog.factories import ProductFactory

    assert anonymous_client.get("/api/v1/products").json()["total"] == 0  # shared for a minute
    product = ProductFactory()

    body = anonymous_client.get("/api/v1/products").json()

    assert [item["id"] for item in body["data"]] == [product.public_id]
    assert (body["total"], body["total_pages"], body["has_more"]) == (1, 1, False)
