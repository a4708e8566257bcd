"""Store news: /api/v1/news (news:read or anonymous) and /feeds/news.atom, /feeds/news.json."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from shopplatform.store.models import NewsPost

from .factories import NewsPostFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]


def test_anonymous_caller_lists_published_news(anonymous_client):
    post = NewsPostFactory(title="Summer sale")

    response = anonymous_client.get("/api/v1/news")

    body = response.json()
    assert response.status_code == 200
    assert [item["id"] for item in body["data"]] == [post.public_id]
    assert body["data"][0]["title"] == "Summer sale"
    assert body["total"] == 1
    assert response["Cache-Control"] == "public, max-age=300"


def test_news_list_leaves_out_drafts_and_scheduled_posts(anonymous_client):
    NewsPostFactory(published=False)
    NewsPostFactory(published_at=timezone.now() + timedelta(days=1))

    assert anonymous_client.get("/api/v1/news").json()["data"] == []


def test_news_is_newest_first_and_paginated(anonymous_client):
    older = NewsPostFactory(published_at=timezone.now() - timedelta(days=2))
    newer = NewsPostFactory(published_at=timezone.now() - timedelta(days=1))

    body = anonymous_client.get("/api/v1/news?limit=1").json()

    assert [item["id"] for item in body["data"]] == [newer.public_id]
    assert body["has_more"] is True
    assert older.public_id != newer.public_id


def test_key_with_news_read_lists_news(make_client, customer_user):
    NewsPostFactory()

    response = make_client(customer_user, scopes="news:read").get("/api/v1/news")

    assert response.status_code == 200


def test_key_without_news_read_is_refused(make_client, customer_user):
    response = make_client(customer_user, scopes="catalog:read").get("/api/v1/news")

    assert response.status_code == 403
    assert response.json()["param"] == "news:read"


def test_one_post_is_readable_by_slug(anonymous_client):
    post = NewsPostFactory(slug="summer-sale")

    response = anonymous_client.get("/api/v1/news/summer-sale")

    assert response.json()["id"] == post.public_id


def test_news_list_queries_do_not_grow_with_posts(anonymous_client, django_assert_max_num_queries):
    NewsPostFactory.create_batch(20)

    with django_assert_max_num_queries(4):
        anonymous_client.get("/api/v1/news")


def test_news_body_is_sanitized_on_save():
    post = NewsPostFactory(body='<p onclick="x()">Hi</p><script>alert(1)</script>')

    assert post.body == "<p>Hi</p>"


def test_news_atom_feed_parses(client):
    NewsPostFactory(title="Summer sale", slug="summer-sale")

    feed = feedparser.parse(client.get("/feeds/news.atom").content)

    assert not feed.bozo
    assert feed.entries[0].title == "Summer sale"
    assert feed.entries[0].link == "http://testserver/news/summer-sale"


def test_news_json_feed_has_the_required_members(client):
    post = NewsPostFactory()

    body = client.get("/feeds/news.json").json()

    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert body["items"][0]["id"] == post.public_id
    assert body["items"][0]["content_html"] == post.body


def test_news_post_page_renders_the_post(client):
    NewsPostFactory(slug="summer-sale", body="<p>Everything half price.</p>")

    response = client.get("/news/summer-sale")

    assert response.status_code == 200
    assert "Everything half price." in response.content.decode()


def test_unpublished_post_has_no_page(client):
    NewsPostFactory(slug="draft", published=False)

    assert client.get("/news/draft").status_code == 404


def test_news_admin_lists_posts(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    NewsPostFactory(title="Summer sale")

    response = client.get("/admin/store/newspost/")

    assert "Summer sale" in response.content.decode()
    assert NewsPost.objects.count() == 1
