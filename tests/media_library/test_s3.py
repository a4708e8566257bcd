"""The S3 path end to end: django-storages' S3Storage against moto's server on loopback (SPEC §1 storage)."""

import socket

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from media_library.models import Media

from .factories import image_bytes, post_base64

pytestmark = pytest.mark.django_db
BUCKET = "shop-media-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_bucket(settings):
    """A moto S3 server with an empty bucket, and the default storage pointed at it; yields a boto3 client."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
    }
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    server.stop()


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
