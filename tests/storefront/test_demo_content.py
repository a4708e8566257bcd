"""The demo content pages and news posts `seed_demo` adds, so that no demo menu entry is a 404."""

import io

import pytest
from django.core.management import call_command

from shopplatform.store.demo import NEWS, PAGES
from shopplatform.store.models import ContentPage, MenuItem, NewsPost

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_files(settings, tmp_path):
    """Keep the demo's image and version files out of the project's var/ directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }


@pytest.fixture
def seeded_twice(demo_files):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_demo_twice_creates_each_page_post_and_menu_entry_once(seeded_twice):
    assert sorted(ContentPage.objects.values_list("slug", flat=True)) == sorted(slug for slug, *_ in PAGES)
    assert sorted(NewsPost.objects.values_list("slug", flat=True)) == sorted(slug for slug, *_ in NEWS)
    assert MenuItem.objects.filter(item="blog").count() == 1


def test_every_demo_menu_link_answers_200(client, seeded_twice):
    urls = [item.resolve_url("") for item in MenuItem.objects.all()]

    statuses = {url: client.get(url).status_code for url in urls}

    assert len(urls) >= 7
    assert statuses == dict.fromkeys(urls, 200)


def test_demo_news_posts_are_listed_on_the_blog_and_open(client, seeded_twice):
    blog = client.get("/blog").content.decode()

    for slug, title, *_ in NEWS:
        assert title in blog
        assert client.get(f"/news/{slug}").status_code == 200


def test_seed_demo_keeps_a_content_page_the_merchant_edited(demo_files):
    ContentPage.objects.create(slug="about", title="Our story", body="<p>Edited</p>")

    call_command("seed_demo", stdout=io.StringIO())

    assert ContentPage.objects.get(slug="about").title == "Our story"
