"""POST /api/v1/media: base64, multipart and URL intake, dedupe and refusals."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from media_library.models import Media

from .factories import image_bytes, pdf_bytes, post_base64

pytestmark = pytest.mark.django_db


def test_base64_upload_answers_202_processing_then_becomes_ready(staff_client, django_capture_on_commit_callbacks):
    """Processed asynchronously: the answer is 202 with the media in `processing`."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post_base64(staff_client, image_bytes(), "photo.png")

    assert response.status_code == 202
    assert response.json()["status"] == "processing"
    media = Media.objects.get(public_id=response.json()["id"])
    assert (media.status, media.kind, media.mime_type, media.extension) == ("ready", "image", "image/png", ".png")
    assert (media.width, media.height, media.original_name) == (800, 600, "photo.png")


def test_data_uri_base64_is_accepted(staff_client):
    encoded = "data:image/png;base64," + base64.b64encode(image_bytes()).decode()

    response = staff_client.post("/api/v1/media", {"file": encoded}, format="json")

    assert response.status_code == 202


def test_multipart_upload_becomes_ready(staff_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("shot.jpg", image_bytes(image_format="JPEG"), content_type="text/plain")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/api/v1/media", {"file": upload}, format="multipart")

    assert response.status_code == 202
    media = Media.objects.get(public_id=response.json()["id"])
    assert (media.status, media.mime_type, media.original_name) == ("ready", "image/jpeg", "shot.jpg")


def test_url_upload_is_fetched_by_the_task_and_becomes_ready(
    staff_client, file_server, django_capture_on_commit_callbacks
):
    base_url, routes = file_server
    routes["/pics/cat.webp"] = (200, image_bytes(image_format="WEBP"))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/api/v1/media", {"url": f"{base_url}/pics/cat.webp"}, format="json")

    assert response.status_code == 202
    assert response.json()["checksum"] is None
    media = Media.objects.get(public_id=response.json()["id"])
    assert (media.status, media.mime_type, media.original_name) == ("ready", "image/webp", "cat.webp")
    assert media.checksum and media.source_url == f"{base_url}/pics/cat.webp"


def test_same_bytes_again_return_the_existing_media_with_200(staff_client, django_capture_on_commit_callbacks):
    data = image_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        first = post_base64(staff_client, data, "a.png")

    second = staff_client.post("/api/v1/media", {"file": SimpleUploadedFile("b.png", data)}, format="multipart")

    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["status"] == "ready"
    assert Media.objects.count() == 1


def test_url_upload_of_known_bytes_becomes_an_alias_of_the_existing_media(
    staff_client, file_server, django_capture_on_commit_callbacks
):
    base_url, routes = file_server
    data = image_bytes()
    routes["/same.png"] = (200, data)
    with django_capture_on_commit_callbacks(execute=True):
        first = post_base64(staff_client, data)
        second = staff_client.post("/api/v1/media", {"url": f"{base_url}/same.png"}, format="json")

    alias = staff_client.get(f"/api/v1/media/{second.json()['id']}").json()

    assert alias["status"] == "ready"
    assert alias["duplicate_of"] == first.json()["id"]
    assert alias["checksum"] == first.json()["checksum"]
    assert alias["url"] == staff_client.get(f"/api/v1/media/{first.json()['id']}").json()["url"]


def test_upload_over_the_size_limit_is_413(staff_client, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1000

    response = post_base64(staff_client, pdf_bytes() + b"0" * 2000, "big.pdf")

    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert not Media.objects.exists()


def test_multipart_upload_over_the_size_limit_is_413(staff_client, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1000

    response = staff_client.post(
        "/api/v1/media", {"file": SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * 2000)}, format="multipart"
    )

    assert response.status_code == 413


def test_text_file_named_png_is_415(staff_client):
    response = post_base64(staff_client, b"just some text, honestly", "innocent.png")

    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unsupported_media_type"


def test_invalid_base64_is_400(staff_client):
    response = staff_client.post("/api/v1/media", {"file": "not*base64!"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_base64"
    assert response.json()["param"] == "file"


def test_url_and_file_together_are_400(staff_client):
    response = staff_client.post("/api/v1/media", {"url": "https://example.com/a.png", "file": "AAAA"}, format="json")

    assert response.status_code == 400


def test_empty_body_is_400(staff_client):
    response = staff_client.post("/api/v1/media", {}, format="json")

    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x.png", "http://169.254.169.254/latest/meta-data", "http://[::1]/x.png", "ftp://example.com/x"],
)
def test_url_to_a_private_address_or_other_scheme_is_400(staff_client, url):
    response = staff_client.post("/api/v1/media", {"url": url}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "unsafe_url"
    assert not Media.objects.exists()


def test_url_whose_name_resolves_to_loopback_is_400(staff_client):
    response = staff_client.post("/api/v1/media", {"url": "http://localhost/x.png"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "unsafe_url"


def test_pdf_upload_is_stored_as_a_file_with_its_sniffed_type(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_base64(staff_client, pdf_bytes(), "terms.bin")

    media = Media.objects.get(public_id=response.json()["id"])
    assert (media.status, media.kind, media.mime_type, media.extension) == ("ready", "file", "application/pdf", ".pdf")
    assert media.original.name == f"media/originals/{media.public_id}.pdf"


def test_url_alias_of_failed_bytes_reports_the_failure(staff_client, file_server, django_capture_on_commit_callbacks):
    base_url, routes = file_server
    broken = image_bytes()[:60]
    routes["/broken.png"] = (200, broken)
    with django_capture_on_commit_callbacks(execute=True):
        post_base64(staff_client, broken)
        response = staff_client.post("/api/v1/media", {"url": f"{base_url}/broken.png"}, format="json")

    alias = staff_client.get(f"/api/v1/media/{response.json()['id']}").json()

    assert alias["status"] == "failed"
    assert "PNG" in alias["error"]
