"""The S3 path: version files in a private bucket prefix, downloads through 60-second presigned URLs.

django-storages' S3Storage and boto3 run for real against moto's server on loopback.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.base import ContentFile

from catalog.digital import services as digital_services
from tests.s3_server import moto_bucket

pytestmark = pytest.mark.django_db
BUCKET = "shop-digital-test"


@pytest.fixture
def s3_bucket(settings, private_storage):
    """A moto S3 server with an empty bucket behind the "digital" storage; yields a boto3 client."""
    with moto_bucket(BUCKET) as (options, client):
        settings.STORAGES = {
            **settings.STORAGES,
            "digital": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    **options,
                    "location": "private/digital",
                    "default_acl": "private",
                    "querystring_auth": True,
                    "signature_version": "s3v4",
                },
            },
        }
        yield client


def test_an_owner_is_redirected_to_a_presigned_url_valid_60_seconds(
    s3_bucket, customer_client, owner, product, add_version
):
    version = add_version(product, "1.2.0", content=b"from the bucket")
    keys = [item["Key"] for item in s3_bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"private/digital/{version.file_name}"]

    response = customer_client.get(f"/api/v1/products/{product.public_id}/download/{version.public_id}")

    assert response.status_code == 302
    location = response["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["response-content-disposition"] == [f'attachment; filename="{version.download_filename}"']
    fetched = requests.get(location, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == b"from the bucket"


def test_the_object_is_not_readable_without_a_signature(s3_bucket, product, add_version):
    version = add_version(product, "1.0.0")
    endpoint = s3_bucket.meta.endpoint_url

    assert requests.get(f"{endpoint}/{BUCKET}/private/digital/{version.file_name}", timeout=10).status_code == 403


def test_quotes_and_backslashes_in_the_file_name_cannot_break_the_presigned_disposition(
    s3_bucket, customer_client, owner, product, add_version
):
    # given a version uploaded under a name holding the two characters that end or escape a quoted string
    version = digital_services.create_version(
        product=product, version_tag="1.3.0", file=ContentFile(b"x"), filename='my "best"\\plugin.jar'
    )

    # when the owner asks for the download
    location = customer_client.get(f"/api/v1/products/{product.public_id}/download/{version.public_id}")["Location"]

    # then the bucket is told to send the name with both replaced, and the file is still served
    query = parse_qs(urlsplit(location).query)
    assert query["response-content-disposition"] == ['attachment; filename="my _best__plugin.jar"']
    fetched = requests.get(location, timeout=10)
    assert fetched.headers["Content-Disposition"] == 'attachment; filename="my _best__plugin.jar"'


def test_the_presigned_url_lives_as_long_as_the_download_link_setting(
    s3_bucket, settings, customer_client, owner, product, add_version
):
    # given download links configured to live 30 seconds (the bucket's own default stays at 60)
    settings.DIGITAL_DOWNLOAD_URL_SECONDS = 30
    version = add_version(product, "1.4.0")

    # when the owner asks for the download
    location = customer_client.get(f"/api/v1/products/{product.public_id}/download/{version.public_id}")["Location"]

    # then the presigned URL expires with the setting
    assert parse_qs(urlsplit(location).query)["X-Amz-Expires"] == ["30"]
