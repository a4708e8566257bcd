"""The S3 path end to end: django-storages' S3Storage against moto's server on loopback."""

import pytest
import requests

from media_library.models import Media
from tests.s3_server import moto_bucket

from .factories import image_bytes, post_base64

pytestmark = pytest.mark.django_db
BUCKET = "shop-media-test"


@pytest.fixture
def s3_bucket(settings):
    """A moto S3 server with an empty bucket, and the default storage pointed at it; yields a boto3 client."""
    with moto_bucket(BUCKET) as (options, client):
        settings.AWS_S3_ENDPOINT_URL = options["endpoint_url"]
        settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = "testing"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        }
        yield client


def bucket_keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_upload_is_processed_into_s3_objects_served_by_url_and_deleted(
    s3_bucket, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_base64(staff_client, image_bytes(size=(900, 700)), "s3.png")
    media = Media.objects.get(public_id=response.json()["id"])
    assert media.status == "ready", media.error
    assert bucket_keys(s3_bucket) == sorted(
        [
            f"media/originals/{media.public_id}.png",
            f"media/images/{media.public_id}.png",
            f"media/images/thumb/{media.public_id}.png",
            f"media/images/square/{media.public_id}.png",
        ]
    )

    thumb_url = staff_client.get(f"/api/v1/media/{media.public_id}").json()["url"]["thumb"]
    fetched = requests.get(thumb_url, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content.startswith(b"\x89PNG")

    with django_capture_on_commit_callbacks(execute=True):
        deleted = staff_client.delete(f"/api/v1/media/{media.public_id}")
    assert deleted.status_code == 204
    assert bucket_keys(s3_bucket) == []
