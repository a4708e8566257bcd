"""The store chrome (head links, header, navigation, footer) is rendered once and kept by the process
(shopplatform/store/templatetags/chrome_tags.py): never older than the settings, menus and categories it shows may
be, dropped at once when this process writes them, and never holding anything of the visitor."""

import time

import pytest
from django.contrib.auth import get_user_model

from catalog.models import Category
from shopplatform.store.models import MenuItem, Store
from shopplatform.store.templatetags import chrome_tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, store):
    settings.STORE_SETTINGS_CACHE_SECONDS = 60
    return settings


@pytest.fixture
def clock(monkeypatch):
    """time.monotonic, moved on by hand: what the process copies and the kept fragments time themselves by."""
    now = [time.monotonic()]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    return now


def page(client, path="/category/kitchen") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_with_kept_fragments_is_the_page_rendered_whole(client, kept, kitchen):
    first = page(client)
    assert chrome_tags._kept  # the fragments were kept

    second = page(client)

    assert first.replace(_token(first), "") == second.replace(_token(second), "")
    assert "Parallax" in second and "About us" in second and "Terms" in second and ">Home</a>" in second


def _token(html: str) -> str:
    return html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_writes_in_this_process_show_at_once(client, kept, kitchen):
    page(client)
    store = Store.load()
    store.name, store.notice = "Parallax Lisboa", "Closed on Sunday"
    store.save()
    MenuItem.objects.create(store=store, menu="secondary", text="Shipping", item="shipping")
    Category.objects.get(slug="home").save()  # saved as it is: still dropped

    shown = page(client)

    assert "Parallax Lisboa" in shown and "Closed on Sunday" in shown and "Shipping" in shown


def test_another_processes_write_shows_once_the_settings_may_be_read_again(client, kept, kitchen, clock):
    page(client)  # the settings, menus and categories are read now, and good for 60 s
    clock[0] += 30
    chrome_tags.forget()
    page(client)  # fragments rendered 30 s after what they show was read: kept 30 s more, not 60
    Store.objects.filter(pk=Store.SINGLETON_PK).update(name="Renamed elsewhere")  # no signal in this process
    MenuItem.objects.filter(text="About us").update(text="Our story")

    clock[0] += 29
    assert "Renamed elsewhere" not in page(client)  # kept: the settings themselves may be this old
    clock[0] += 2
    shown = page(client)

    assert "Renamed elsewhere" in shown and "Our story" in shown and "About us" not in shown


def test_nothing_is_kept_when_the_settings_are_read_every_time(client, settings, store, kitchen):
    settings.STORE_SETTINGS_CACHE_SECONDS = 0
    page(client)
    Store.objects.filter(pk=Store.SINGLETON_PK).update(name="Renamed elsewhere")

    assert "Renamed elsewhere" in page(client)
    assert chrome_tags._kept == {}


def test_the_visitor_parts_are_never_kept(client, kept, kitchen, teapot):
    anonymous = page(client)
    user = get_user_model().objects.create_user("ana", "ana@example.com", "pass-word-1")
    signed_in = type(client)()
    signed_in.force_login(user)
    signed_in.post("/cart/add/enamel-teapot", {"quantity": 2})

    theirs = page(signed_in, "/category/kitchen?q=teapot")

    assert "Sign in" in anonymous and "Account" not in anonymous
    assert "Account" in theirs and "Sign in" not in theirs
    assert 'aria-label="2 items"' in theirs and 'aria-label="2 items"' not in anonymous
    assert _token(theirs) != _token(anonymous)
    assert 'name="next" value="/category/kitchen?q=teapot"' in theirs
