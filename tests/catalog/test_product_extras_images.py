"""Gallery images given as URLs are imported into the media library by its SSRF-safe task, deduplicated by their
bytes, and linked to the product once processed; until then (or when refused) the image shows its URL."""

import pytest

from catalog.models import ProductImage
from media_library.models import Media
from tests.media_library.conftest import file_server  # noqa: F401 (the loopback server fixture)
from tests.media_library.factories import image_bytes, post_base64

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def served(file_server):  # noqa: F811
    """The loopback server with one PNG at /bowl.png, and the list of paths it was asked for."""
    base_url, routes = file_server
    routes["/bowl.png"] = (200, image_bytes(color=(200, 90, 30)))
    return base_url, routes


def create(client, images):
    return client.post("/api/v1/products", {"title": "Bowl", "price_cents": 1000, "images": images}, format="json")


def test_image_url_is_fetched_by_the_task_and_linked_once_processed(
    staff_client, served, django_capture_on_commit_callbacks
):
    base_url, _ = served
    with django_capture_on_commit_callbacks(execute=True):
        created = create(staff_client, [{"url": f"{base_url}/bowl.png", "alt": "Front"}])

    body = staff_client.get(f"/api/v1/products/{created.json()['id']}").json()
    media = Media.objects.get(public_id=body["images"][0]["media"])
    assert created.json()["images"][0]["url"] == f"{base_url}/bowl.png"  # shown by URL until processed
    assert (media.status, media.source_url) == (Media.Status.READY, f"{base_url}/bowl.png")
    assert (body["images"][0]["url"], body["images"][0]["alt"]) == (None, "Front")
    assert body["images"][0]["full"].endswith(f"/media/images/{media.public_id}.png")


def test_same_bytes_under_another_url_link_the_media_already_stored(
    staff_client, served, django_capture_on_commit_callbacks
):
    base_url, routes = served
    routes["/copy.png"] = routes["/bowl.png"]
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = post_base64(staff_client, routes["/bowl.png"][1], "bowl.png").json()["id"]
        created = create(staff_client, [f"{base_url}/copy.png"])

    body = staff_client.get(f"/api/v1/products/{created.json()['id']}").json()
    assert body["images"][0]["media"] == uploaded
    assert Media.objects.filter(duplicate_of=None).count() == 1


def test_an_image_url_imported_before_links_at_once_without_a_fetch(
    staff_client, served, django_capture_on_commit_callbacks
):
    base_url, routes = served
    with django_capture_on_commit_callbacks(execute=True):
        first = create(staff_client, [f"{base_url}/bowl.png"])
    first_media = staff_client.get(f"/api/v1/products/{first.json()['id']}").json()["images"][0]["media"]
    del routes["/bowl.png"]  # a second fetch would now fail

    second = create(staff_client, [f"{base_url}/bowl.png"])

    assert second.json()["images"][0]["media"] == first_media


def test_image_url_that_is_not_an_image_stays_an_external_link(
    staff_client, served, django_capture_on_commit_callbacks
):
    base_url, routes = served
    routes["/page.png"] = (200, b"<html>not an image</html>")
    with django_capture_on_commit_callbacks(execute=True):
        created = create(staff_client, [f"{base_url}/page.png"])

    image = staff_client.get(f"/api/v1/products/{created.json()['id']}").json()["images"][0]
    assert (image["media"], image["url"]) == (None, f"{base_url}/page.png")
    assert ProductImage.objects.get().import_media.status == Media.Status.FAILED


def test_loopback_image_url_is_refused_by_the_intake_and_never_fetched(
    staff_client, served, settings, django_capture_on_commit_callbacks
):
    base_url, _ = served
    settings.SHOP_ALLOW_PRIVATE_URLS = False
    with django_capture_on_commit_callbacks(execute=True):
        created = create(staff_client, [f"{base_url}/bowl.png"])

    assert created.status_code == 201
    assert created.json()["images"][0]["media"] is None
    assert not Media.objects.exists()  # nothing was recorded, so nothing is ever fetched


def test_the_task_fetch_refuses_a_url_that_turned_private_after_intake(
    staff_client, served, settings, django_capture_on_commit_callbacks
):
    """The intake's check is repeated at connection time: the fetch task refuses 127.0.0.1 as well."""
    base_url, _ = served
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = create(staff_client, [f"{base_url}/bowl.png"])
    settings.SHOP_ALLOW_PRIVATE_URLS = False

    for callback in callbacks:
        callback()

    media = ProductImage.objects.get().import_media
    assert (media.status, media.error) == (Media.Status.FAILED, "The address 127.0.0.1 is not public.")
    image = staff_client.get(f"/api/v1/products/{created.json()['id']}").json()["images"][0]
    assert (image["media"], image["url"]) == (None, f"{base_url}/bowl.png")
