"""Uploads through each intake path reach `ready` through a real Celery worker on Redis."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile

from media_library.models import Media
from shopplatform.celery import app as celery_app

from .factories import image_bytes, pdf_bytes, post_base64

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_processed(public_id: str, timeout: float = 30) -> Media:
    """Poll the row until the worker moved it out of `processing` (or the deadline passes)."""
    deadline = time.monotonic() + timeout
    while True:
        media = Media.objects.get(public_id=public_id)
        if media.status != Media.Status.PROCESSING or time.monotonic() > deadline:
            return media
        time.sleep(0.1)


def test_base64_multipart_and_url_uploads_reach_ready_through_the_worker(staff_client, file_server):
    base_url, routes = file_server
    routes["/remote.gif"] = (200, image_bytes(image_format="GIF", mode="P", color=7))
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        responses = [
            post_base64(staff_client, image_bytes(color=(9, 9, 9)), "b64.png"),
            staff_client.post(
                "/api/v1/media", {"file": SimpleUploadedFile("doc.pdf", pdf_bytes())}, format="multipart"
            ),
            staff_client.post("/api/v1/media", {"url": f"{base_url}/remote.gif"}, format="json"),
        ]
        assert [response.status_code for response in responses] == [202, 202, 202]

        outcomes = [wait_until_processed(response.json()["id"]) for response in responses]

    assert [(media.status, media.mime_type) for media in outcomes] == [
        ("ready", "image/png"),
        ("ready", "application/pdf"),
        ("ready", "image/gif"),
    ]


def test_a_bomb_ends_failed_through_the_worker(staff_client, settings):
    settings.MEDIA_MAX_IMAGE_PIXELS = 1000
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        response = post_base64(staff_client, image_bytes(size=(100, 100)), "big.png")

        media = wait_until_processed(response.json()["id"])

    assert media.status == "failed"
    assert "limit is 1,000 pixels" in media.error
