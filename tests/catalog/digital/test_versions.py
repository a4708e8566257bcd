"""Versions of digital products: upload, semver tags, channels, yanking and who sees what."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.digital import services as digital_services
from catalog.models import ProductStatus, Version, semver_key
from shopplatform.errors import ShopError

from .factories import ProductFactory, VersionFactory

pytestmark = pytest.mark.django_db


def tags(response) -> list[str]:
    return [version["version_tag"] for version in response.json()["data"]]


@pytest.mark.parametrize("tag", ["1.2.0", "0.0.1", "2.0.0-beta.1", "1.0.0-alpha+001", "10.20.30+build.5"])
def test_semver_tags_are_accepted(tag):
    """Version_tag is a semantic version."""
    semver_key(tag)


@pytest.mark.parametrize("tag", ["1.2", "v1.2.0", "01.2.0", "1.2.0-", "1.2.0-beta..1", "1.2.3.4", "", "1.2.0 "])
def test_malformed_semver_tags_are_refused(tag):
    with pytest.raises(ShopError) as refused:
        semver_key(tag)
    assert refused.value.code == "invalid_version_tag"


def test_semver_precedence_orders_prereleases_before_releases():
    ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11"]
    ordered += ["1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"]
    assert sorted(reversed(ordered), key=semver_key) == ordered


def test_seller_uploads_a_version_with_multipart(seller_client, product, private_storage):
    """The seller uploads; the file goes to the private storage, never under MEDIA_ROOT."""
    response = seller_client.post(
        f"/api/v1/products/{product.public_id}/versions",
        {
            "version_tag": "1.2.0",
            "release_notes_html": "<p>Faster</p><script>x()</script>",
            "file": SimpleUploadedFile("cool.jar", b"0123456789"),
        },
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"].startswith("ver_")
    assert body["product_id"] == product.public_id
    assert (body["version_tag"], body["channel"], body["file_size"], body["download_count"]) == (
        "1.2.0",
        "stable",
        10,
        0,
    )
    assert body["release_notes_html"] == "<p>Faster</p>"
    assert body["yanked"] is False
    stored = Version.objects.get(public_id=body["id"]).file_name
    assert (private_storage / stored).read_bytes() == b"0123456789"


def test_staff_uploads_a_version_as_base64_json(staff_client, product):
    response = staff_client.post(
        f"/api/v1/products/{product.slug}/versions",
        {
            "version_tag": "2.0.0-beta.1",
            "channel": "beta",
            "file": base64.b64encode(b"beta").decode(),
            "filename": "b.jar",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["channel"] == "beta"
    assert response.json()["filename"] == "b.jar"


def test_upload_with_a_malformed_tag_is_400(seller_client, product):
    response = seller_client.post(
        f"/api/v1/products/{product.public_id}/versions",
        {"version_tag": "1.2", "file": base64.b64encode(b"x").decode()},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_version_tag"


def test_a_taken_version_tag_is_409(seller_client, product, add_version):
    add_version(product, "1.0.0")

    response = seller_client.post(
        f"/api/v1/products/{product.public_id}/versions",
        {"version_tag": "1.0.0", "file": base64.b64encode(b"x").decode()},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "version_tag_taken"


def test_a_file_over_the_limit_is_413(seller_client, product, settings):
    settings.DIGITAL_MAX_FILE_BYTES = 4

    response = seller_client.post(
        f"/api/v1/products/{product.public_id}/versions",
        {"version_tag": "1.0.0", "file": base64.b64encode(b"12345").decode()},
        format="json",
    )

    assert response.status_code == 413


def test_a_customer_who_is_not_the_seller_cannot_upload(customer_client, product):
    response = customer_client.post(
        f"/api/v1/products/{product.public_id}/versions",
        {"version_tag": "1.0.0", "file": base64.b64encode(b"x").decode()},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_seller"


def test_uploading_needs_catalog_write(make_client, seller_user, product):
    client = make_client(seller_user, scopes="catalog:read")

    response = client.post(
        f"/api/v1/products/{product.public_id}/versions",
        {"version_tag": "1.0.0", "file": base64.b64encode(b"x").decode()},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"


@pytest.fixture
def channel_mix(product, add_version):
    add_version(product, "1.0.0")
    digital_services.update_version(version=add_version(product, "1.1.0"), yanked=True)
    add_version(product, "2.0.0-beta.1", channel="beta")
    return product


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("anonymous_client", ["1.0.0"]),
        ("customer_client", ["1.0.0"]),
        ("seller_client", ["2.0.0-beta.1", "1.0.0"]),
        ("staff_client", ["2.0.0-beta.1", "1.0.0"]),
    ],
)
def test_beta_is_listed_only_to_seller_and_staff_and_yanked_to_nobody(request, channel_mix, caller, expected):
    """Yanked versions are never listed; beta only for the seller and staff."""
    client = request.getfixturevalue(caller)

    response = client.get(f"/api/v1/products/{channel_mix.public_id}/versions")

    assert response.status_code == 200
    assert tags(response) == expected


def test_versions_of_a_non_live_product_are_404_for_the_public(anonymous_client, product, add_version):
    add_version(product, "1.0.0")
    product.status = ProductStatus.DRAFT
    product.save()

    assert anonymous_client.get(f"/api/v1/products/{product.public_id}/versions").status_code == 404


def test_the_seller_sees_versions_of_its_draft_product(seller_client, product, add_version):
    add_version(product, "1.0.0")
    product.status = ProductStatus.DRAFT
    product.save()

    response = seller_client.get(f"/api/v1/products/{product.public_id}/versions")

    assert tags(response) == ["1.0.0"]


def test_yanking_hides_a_version_and_moves_latest_version(seller_client, anonymous_client, product, add_version):
    """Yanked, not deleted; latest_version falls back to the next stable one."""
    add_version(product, "1.0.0")
    newest = add_version(product, "1.1.0")

    response = seller_client.patch(
        f"/api/v1/products/{product.public_id}/versions/{newest.public_id}", {"yanked": True}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["yanked"] is True
    assert response.json()["yanked_at"] is not None
    assert tags(anonymous_client.get(f"/api/v1/products/{product.public_id}/versions")) == ["1.0.0"]
    detail = anonymous_client.get(f"/api/v1/products/{product.public_id}").json()
    assert detail["latest_version"]["version_tag"] == "1.0.0"
    assert Version.objects.filter(pk=newest.pk).exists()


def test_a_yanked_version_can_be_restored_by_the_seller(seller_client, product, add_version):
    version = add_version(product, "1.0.0")
    digital_services.update_version(version=version, yanked=True)

    response = seller_client.patch(
        f"/api/v1/products/{product.public_id}/versions/{version.public_id}", {"yanked": False}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["yanked"] is False


def test_only_the_seller_or_staff_may_yank(customer_client, product, add_version):
    version = add_version(product, "1.0.0")

    response = customer_client.patch(
        f"/api/v1/products/{product.public_id}/versions/{version.public_id}", {"yanked": True}, format="json"
    )

    assert response.status_code == 403


def test_latest_version_is_the_highest_non_yanked_stable_version(product, add_version):
    """Latest_version = newest non-yanked stable, by semantic-version precedence."""
    add_version(product, "1.2.0")
    add_version(product, "1.10.0")
    add_version(product, "1.1.5")  # a hotfix uploaded last is not the latest
    add_version(product, "2.0.0-beta.1", channel="beta")

    product.digital.refresh_from_db()
    assert product.digital.latest_version.version_tag == "1.10.0"


def test_product_shows_the_seed_004_fields(anonymous_client, product, add_version):
    """Seller, game, latest_version and stats.download_count on the product."""
    product.seller.display_name, product.seller.avatar_url = "Cool Studio", "https://cdn.example.com/a.png"
    product.seller.save()
    add_version(product, "1.2.0")
    digital_services.set_game(product=product, game="minecraft")

    body = anonymous_client.get(f"/api/v1/products/{product.slug}").json()

    assert body["seller_name"] == product.seller.name
    assert body["seller_display_name"] == "Cool Studio"
    assert body["seller_avatar_url"] == "https://cdn.example.com/a.png"
    assert body["game"] == "minecraft"
    assert body["latest_version"] == {
        "id": product.versions.get().public_id,
        "version_tag": "1.2.0",
        "channel": "stable",
    }
    assert body["stats"] == {"download_count": 0}
    assert body["is_free"] is False


def test_a_product_without_versions_has_empty_digital_fields(anonymous_client):
    body = anonymous_client.get(f"/api/v1/products/{ProductFactory().public_id}").json()

    assert (body["seller_name"], body["game"], body["latest_version"], body["stats"]) == (
        None,
        "",
        None,
        {"download_count": 0},
    )


def test_version_list_costs_the_same_queries_for_one_or_many(anonymous_client, product, django_assert_max_num_queries):
    VersionFactory(product=product)
    with django_assert_max_num_queries(20) as one:
        anonymous_client.get(f"/api/v1/products/{product.public_id}/versions")
    VersionFactory.create_batch(20, product=product)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = anonymous_client.get(f"/api/v1/products/{product.public_id}/versions")
    assert len(response.json()["data"]) == 21


def test_product_list_costs_the_same_queries_with_digital_listings(
    anonymous_client, add_version, django_assert_max_num_queries
):
    add_version(ProductFactory(), "1.0.0")
    with django_assert_max_num_queries(50) as one:
        anonymous_client.get("/api/v1/products")
    for _ in range(5):
        add_version(ProductFactory(), "1.0.0")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = anonymous_client.get("/api/v1/products")
    assert len(response.json()["data"]) == 6
