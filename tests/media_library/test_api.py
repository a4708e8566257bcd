"""GET and DELETE /api/v1/media: lists, filters, detail, deletion of stored files, scopes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media_library import services
from media_library.models import Media
from media_library.renditions import rendition_urls

from .factories import MediaFactory, image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def processed(django_capture_on_commit_callbacks):
    """A ready media made from real bytes, with its files in storage."""

    def make(data: bytes | None = None, name: str = "photo.png") -> Media:
        with django_capture_on_commit_callbacks(execute=True):
            media, _ = services.add_media_bytes(data=data or image_bytes(), name=name)
        media.refresh_from_db()
        return media

    return make


def test_detail_shows_the_media_object(staff_client, processed):
    media = processed()

    body = staff_client.get(f"/api/v1/media/{media.public_id}").json()

    assert body["id"] == media.public_id and body["checksum"] == media.checksum
    assert (body["type"], body["file_type"], body["file_ext"]) == ("image", "image/png", ".png")
    assert (body["image_width"], body["image_height"], body["size_bytes"]) == (800, 600, media.size_bytes)
    assert body["url"]["thumb"] == f"http://testserver/media/media/images/thumb/{media.public_id}.png"
    assert set(body["url"]) == {"thumb", "square", "full"}
    assert body["created_at"].endswith("Z")


def test_unknown_id_is_404_problem(staff_client):
    response = staff_client.get("/api/v1/media/med_doesnotexist")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_list_is_paginated_newest_first(staff_client):
    older, newer = MediaFactory(), MediaFactory()

    body = staff_client.get("/api/v1/media?limit=1").json()

    assert [item["id"] for item in body["data"]] == [newer.public_id]
    assert (body["total"], body["has_more"]) == (2, True)
    assert older.public_id != newer.public_id


def test_list_filters_by_name(staff_client):
    MediaFactory(original_name="red-shoe.jpg")
    MediaFactory(original_name="blue-hat.jpg")

    body = staff_client.get("/api/v1/media?q=SHOE").json()

    assert [item["file_name"] for item in body["data"]] == ["red-shoe.jpg"]


def test_list_filters_by_type(staff_client):
    MediaFactory()
    document = MediaFactory(kind="file", mime_type="application/pdf", extension=".pdf")

    files = staff_client.get("/api/v1/media?type=file").json()
    everything = staff_client.get("/api/v1/media?type=all").json()

    assert [item["id"] for item in files["data"]] == [document.public_id]
    assert everything["total"] == 2


def test_list_filters_by_checksum(staff_client):
    wanted = MediaFactory()
    MediaFactory()

    body = staff_client.get(f"/api/v1/media?checksum={wanted.checksum.upper()}").json()

    assert [item["id"] for item in body["data"]] == [wanted.public_id]


def test_unknown_type_filter_is_400(staff_client):
    response = staff_client.get("/api/v1/media?type=video")

    assert response.status_code == 400


def test_list_query_count_is_the_same_for_one_and_many(staff_client, django_assert_max_num_queries):
    alias_target = MediaFactory()
    MediaFactory(duplicate_of=alias_target, checksum=alias_target.checksum)
    with CaptureQueriesContext(connection) as one_page:
        staff_client.get("/api/v1/media")
    for _ in range(30):
        canonical = MediaFactory()
        MediaFactory(duplicate_of=canonical, checksum=canonical.checksum)

    with django_assert_max_num_queries(len(one_page)):
        response = staff_client.get("/api/v1/media?limit=100")

    assert response.json()["total"] == 62


def test_delete_by_id_removes_every_stored_file(
    staff_client, processed, stored_files, django_capture_on_commit_callbacks
):
    media = processed()
    assert len(stored_files()) == 4

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.delete(f"/api/v1/media/{media.public_id}")

    assert response.status_code == 204
    assert stored_files() == []
    assert not Media.objects.exists()


def test_delete_by_checksum_removes_the_media_and_its_files(
    staff_client, processed, stored_files, django_capture_on_commit_callbacks
):
    media = processed(pdf_bytes(), "doc.pdf")
    kept = processed()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.delete(f"/api/v1/media?checksum={media.checksum}")

    assert response.status_code == 204
    assert list(Media.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not [name for name in stored_files() if media.public_id in name]
    assert len(stored_files()) == 4


def test_delete_by_unknown_checksum_is_404(staff_client):
    response = staff_client.delete(f"/api/v1/media?checksum={'0' * 32}")

    assert response.status_code == 404


def test_delete_without_a_valid_checksum_is_400(staff_client):
    response = staff_client.delete("/api/v1/media?checksum=xyz")

    assert response.status_code == 400
    assert response.json()["param"] == "checksum"


def test_deleting_the_stored_media_deletes_its_url_aliases(staff_client):
    canonical = MediaFactory()
    alias = MediaFactory(duplicate_of=canonical, checksum=canonical.checksum)

    staff_client.delete(f"/api/v1/media/{canonical.public_id}")

    assert not Media.objects.filter(pk=alias.pk).exists()


def test_customer_key_is_refused_with_403(customer_client):
    response = customer_client.get("/api/v1/media")

    assert response.status_code == 403
    assert response.json()["code"] == "staff_only"


def test_read_scope_cannot_upload(make_client, staff_user):
    client = make_client(staff_user, scopes="media:read")

    assert client.get("/api/v1/media").status_code == 200
    response = client.post("/api/v1/media", {"url": "https://example.com/a.png"}, format="json")
    assert response.status_code == 403
    assert response.json()["param"] == "media:write"


def test_key_without_media_scopes_cannot_list(make_client, staff_user):
    response = make_client(staff_user, scopes="catalog:read").get("/api/v1/media")

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"


def test_anonymous_caller_is_401(anonymous_client):
    assert anonymous_client.get("/api/v1/media").status_code == 401


def test_rendition_urls_without_media_are_the_placeholder_set():
    """every image slot answers three URLs, placeholders when no media is set (outside a request: the dev base)."""
    urls = rendition_urls(None)

    assert urls == {
        "thumb": "http://127.0.0.1:8000/static/media_library/placeholder-thumb.png",
        "square": "http://127.0.0.1:8000/static/media_library/placeholder-square.png",
        "full": "http://127.0.0.1:8000/static/media_library/placeholder-full.png",
    }


def test_rendition_urls_of_a_processing_media_are_placeholders():
    assert rendition_urls(MediaFactory(status="processing")) == rendition_urls(None)


def test_rendition_urls_use_the_public_base_when_set(settings):
    settings.MEDIA_PUBLIC_URL_BASE = "https://cdn.example.com/shop/"
    media = MediaFactory()

    assert rendition_urls(media)["square"] == f"https://cdn.example.com/shop/{media.square.name}"
