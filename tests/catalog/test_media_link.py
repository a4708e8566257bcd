"""Catalog images linked to the media library: every image renders its thumb, square and full renditions."""

import io

import pytest

from catalog.demo import seed_demo
from catalog.models import Category, ProductImage
from media_library.models import Media
from media_library.renditions import placeholder_urls, rendition_urls
from tests.media_library.factories import MediaFactory, image_bytes, post_base64

from .factories import BrandFactory, CategoryFactory, ProductFactory, ProductImageFactory, VariantFactory

pytestmark = pytest.mark.django_db

EXTERNAL = "https://cdn.example.com/a.jpg"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The expected URLs below are built outside a request, so the shop's public address is set (shopplatform/links.py).
    settings.SITE_URL = "http://testserver"
    return settings.MEDIA_ROOT


def create_product(client, images, **fields):
    return client.post(
        "/api/v1/products", {"title": "Bowl", "price_cents": 1000, "images": images, **fields}, format="json"
    )


def test_product_images_link_media_by_id_in_the_given_order(staff_client):
    """Images given as med_ ids, URLs or objects keep their order and render media renditions."""
    first, second = MediaFactory(), MediaFactory()

    response = create_product(
        staff_client, [second.public_id, {"url": EXTERNAL, "alt": "Side"}, {"media": first.public_id, "alt": "Top"}]
    )

    assert response.status_code == 201
    images = response.json()["images"]
    assert [(image["media"], image["url"], image["alt"]) for image in images] == [
        (second.public_id, None, ""),
        (None, EXTERNAL, "Side"),
        (first.public_id, None, "Top"),
    ]
    assert {key: images[0][key] for key in ("thumb", "square", "full")} == rendition_urls(second)
    assert images[0]["thumb"].endswith(f"media/images/thumb/{second.checksum}.jpg")
    assert response.json()["image"] == rendition_urls(second)


def test_external_image_renditions_are_its_url(staff_client):
    """An external URL stands in for all three renditions."""
    response = create_product(staff_client, [EXTERNAL])

    image = response.json()["images"][0]
    assert (image["thumb"], image["square"], image["full"]) == (EXTERNAL, EXTERNAL, EXTERNAL)


def test_reordering_images_by_patch(staff_client):
    first, second = MediaFactory(), MediaFactory()
    product_id = create_product(staff_client, [first.public_id, second.public_id]).json()["id"]

    response = staff_client.patch(
        f"/api/v1/products/{product_id}", {"images": [second.public_id, first.public_id]}, format="json"
    )

    assert [image["media"] for image in response.json()["images"]] == [second.public_id, first.public_id]


def test_output_images_can_be_sent_back_unchanged(staff_client):
    """The output objects ({media, url, alt, renditions}) are valid input, so a GET-edit-PUT round trip works."""
    media = MediaFactory()
    body = create_product(staff_client, [media.public_id, {"url": EXTERNAL, "alt": "Side"}]).json()

    response = staff_client.put(f"/api/v1/products/{body['id']}", {"images": body["images"]}, format="json")

    assert response.status_code == 200
    assert response.json()["images"] == body["images"]


@pytest.mark.parametrize(
    ("image", "param"),
    [
        ("med_doesnotexist", "images.1"),
        ({"media": "med_doesnotexist", "alt": "x"}, "images.1"),
        ({"media": None, "url": None}, "images.1"),
        ({"alt": "no source"}, "images.1"),
        ("not a url", "images.1"),
        ("ftp://example.com/a.jpg", "images.1"),
        (42, "images.1"),
    ],
)
def test_bad_image_is_400_naming_its_index(staff_client, image, param):
    """The problem's `param` names the offending list item."""
    response = create_product(staff_client, [EXTERNAL, image])

    assert response.status_code == 400
    assert response.json()["param"].startswith(param)


def test_unknown_media_is_unknown_reference(staff_client):
    response = create_product(staff_client, ["med_doesnotexist"])

    assert response.json()["code"] == "unknown_reference"
    assert response.json()["param"] == "images.0"


def test_media_still_processing_is_accepted_and_shows_placeholders(staff_client):
    """A freshly uploaded media can be linked at once; the placeholder set shows until it is ready."""
    media = MediaFactory(status=Media.Status.PROCESSING, thumb="", square="", full="")

    response = create_product(staff_client, [media.public_id])

    assert response.status_code == 201
    assert response.json()["images"][0]["full"] == placeholder_urls()["full"]
    assert response.json()["images"][0]["media"] == media.public_id


def test_media_shows_renditions_once_processed(staff_client, anonymous_client):
    media = MediaFactory(status=Media.Status.PROCESSING)
    slug = create_product(staff_client, [media.public_id]).json()["slug"]
    Media.objects.filter(pk=media.pk).update(status=Media.Status.READY)

    body = anonymous_client.get(f"/api/v1/products/{slug}").json()

    assert body["image"] == rendition_urls(Media.objects.get(pk=media.pk))


def test_uploaded_media_linked_to_a_product_serves_its_stored_renditions(
    staff_client, anonymous_client, django_capture_on_commit_callbacks, media_root
):
    """Upload → process (eager Celery) → link: the product shows the files the worker stored."""
    with django_capture_on_commit_callbacks(execute=True):
        media_id = post_base64(staff_client, image_bytes(size=(900, 700)), name="bowl.png").json()["id"]
    slug = create_product(staff_client, [media_id]).json()["slug"]

    image = anonymous_client.get(f"/api/v1/products/{slug}").json()["images"][0]

    assert Media.objects.get(public_id=media_id).status == Media.Status.READY
    for rendition in ("thumb", "square", "full"):
        name = image[rendition].split("/media/", 1)[1]
        assert (media_root / name).is_file()


def test_failed_media_is_409(staff_client):
    media = MediaFactory(status=Media.Status.FAILED, error="The image is corrupt.")

    response = create_product(staff_client, [EXTERNAL, media.public_id])

    assert response.status_code == 409
    assert response.json()["param"] == "images.1"


def test_file_media_is_400(staff_client):
    media = MediaFactory(kind=Media.Kind.FILE, mime_type="application/pdf", extension=".pdf")

    response = create_product(staff_client, [media.public_id])

    assert response.status_code == 400
    assert response.json()["param"] == "images.0"


def test_alias_media_renders_the_files_it_duplicates(staff_client):
    """A URL upload whose bytes were already stored shows the stored media's renditions."""
    stored = MediaFactory()
    alias = MediaFactory(checksum=stored.checksum, duplicate_of=stored, thumb="", square="", full="")

    response = create_product(staff_client, [alias.public_id])

    assert response.json()["images"][0]["media"] == alias.public_id
    assert response.json()["image"] == rendition_urls(stored)


def test_product_without_images_shows_the_placeholder_object(anonymous_client):
    """`image` is the placeholder object when there is none."""
    product = ProductFactory(categories=[CategoryFactory()])

    body = anonymous_client.get(f"/api/v1/products/{product.public_id}").json()

    assert body["image"] == placeholder_urls()
    assert body["images"] == []


def test_embedded_category_image_is_an_object_never_an_empty_list(anonymous_client):
    """Never `"image": []`: embedded categories always carry the image object (placeholders if none)."""
    media = MediaFactory()
    product = ProductFactory(categories=[CategoryFactory(image=media), CategoryFactory()])

    body = anonymous_client.get(f"/api/v1/products/{product.public_id}").json()

    assert sorted(category["image"]["full"] for category in body["categories"]) == sorted(
        [rendition_urls(media)["full"], placeholder_urls()["full"]]
    )


def test_variant_image_by_media_id_url_or_null(staff_client):
    """A variant's `image` is set by med_ id or URL and rendered as the image object."""
    variant = VariantFactory()
    media = MediaFactory()
    path = f"/api/v1/products/{variant.product.public_id}/variants/{variant.public_id}"

    linked = staff_client.patch(path, {"image": media.public_id}, format="json").json()
    external = staff_client.patch(path, {"image": EXTERNAL}, format="json").json()
    cleared = staff_client.patch(path, {"image": None}, format="json").json()

    assert (linked["image"], linked["image_media"], linked["image_url"]) == (rendition_urls(media), media.public_id, "")
    assert (external["image"]["thumb"], external["image_media"], external["image_url"]) == (EXTERNAL, None, EXTERNAL)
    assert (cleared["image"], cleared["image_media"], cleared["image_url"]) == (placeholder_urls(), None, "")


def test_variant_unknown_media_is_400_naming_image(staff_client):
    variant = VariantFactory()

    response = staff_client.patch(
        f"/api/v1/products/{variant.product.public_id}/variants/{variant.public_id}",
        {"image": "med_doesnotexist"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["param"] == "image"


@pytest.mark.parametrize("kind", ["categories", "brands"])
def test_category_and_brand_image_by_media_id_or_url(staff_client, kind):
    """`image` as med_ id or URL, rendered as the image object."""
    media = MediaFactory()

    created = staff_client.post(f"/api/v1/{kind}", {"title": "Prints", "image": media.public_id}, format="json")
    updated = staff_client.patch(f"/api/v1/{kind}/{created.json()['id']}", {"image": EXTERNAL}, format="json")

    assert created.status_code == 201
    assert (created.json()["image"], created.json()["image_media"]) == (rendition_urls(media), media.public_id)
    assert (updated.json()["image"]["full"], updated.json()["image_media"]) == (EXTERNAL, None)


@pytest.mark.parametrize("kind", ["categories", "brands"])
def test_category_and_brand_without_image_show_placeholders(anonymous_client, kind):
    row = CategoryFactory() if kind == "categories" else BrandFactory()

    body = anonymous_client.get(f"/api/v1/{kind}/{row.public_id}").json()

    assert (body["image"], body["image_media"], body["image_url"]) == (placeholder_urls(), None, "")


@pytest.mark.parametrize("image", ["med_doesnotexist", "ftp://example.com/a.jpg", "javascript:alert(1)", 7])
def test_bad_category_image_is_400_naming_image(staff_client, image):
    response = staff_client.post("/api/v1/categories", {"title": "Prints", "image": image}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "image"


def test_deleting_media_in_use_is_409_and_keeps_everything(staff_client):
    """Media linked to catalog rows are protected: delete is refused until nothing uses them."""
    media = MediaFactory()
    product = ProductFactory()
    ProductImageFactory(product=product, media=media, external_url="")

    by_id = staff_client.delete(f"/api/v1/media/{media.public_id}")
    by_checksum = staff_client.delete(f"/api/v1/media?checksum={media.checksum}")

    assert (by_id.status_code, by_checksum.status_code) == (409, 409)
    assert by_id.json()["code"] == "conflict"
    assert Media.objects.filter(pk=media.pk).exists()
    assert product.images.get().media_id == media.pk


@pytest.mark.parametrize("link", ["variant", "category", "brand"])
def test_media_used_as_a_single_image_is_protected_too(staff_client, link):
    media = MediaFactory()
    {"variant": VariantFactory, "category": CategoryFactory, "brand": BrandFactory}[link](image=media)

    assert staff_client.delete(f"/api/v1/media/{media.public_id}").status_code == 409


def test_deleting_the_media_behind_a_used_alias_is_409(staff_client):
    """Deleting a media removes its aliases, so an alias in use protects it as well."""
    stored = MediaFactory()
    alias = MediaFactory(checksum=stored.checksum, duplicate_of=stored)
    ProductImageFactory(media=alias, external_url="")

    assert staff_client.delete(f"/api/v1/media/{stored.public_id}").status_code == 409


def test_media_can_be_deleted_once_unlinked(staff_client):
    media = MediaFactory()
    product_id = create_product(staff_client, [media.public_id]).json()["id"]
    staff_client.patch(f"/api/v1/products/{product_id}", {"images": [EXTERNAL]}, format="json")

    assert staff_client.delete(f"/api/v1/media/{media.public_id}").status_code == 204


def test_deleting_a_product_releases_its_media(staff_client):
    media = MediaFactory()
    product_id = create_product(staff_client, [media.public_id]).json()["id"]
    staff_client.delete(f"/api/v1/products/{product_id}")

    assert staff_client.delete(f"/api/v1/media/{media.public_id}").status_code == 204


def test_image_url_accessor_serves_templates():
    """Storefront templates read `image.url`: the full rendition for media, the stored URL for external images."""
    media = MediaFactory()
    linked = ProductImageFactory(media=media, external_url="")
    external = ProductImageFactory(external_url=EXTERNAL)

    assert ProductImage.objects.get(pk=linked.pk).url == rendition_urls(media)["full"]
    assert ProductImage.objects.get(pk=external.pk).url == EXTERNAL


def test_gallery_row_needs_a_media_or_a_url():
    """A database constraint keeps every gallery row showable."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ProductImageFactory(external_url="")


@pytest.mark.parametrize("rows", [1, 100])
def test_product_list_with_media_images_has_constant_queries(
    store_settings, anonymous_client, django_assert_max_num_queries, rows
):
    """STYLE: media, their aliases, category and variant images are joined, not fetched per row."""
    category = CategoryFactory(image=MediaFactory())
    for _ in range(rows):
        stored = MediaFactory()
        alias = MediaFactory(checksum=stored.checksum, duplicate_of=stored)
        product = ProductFactory(categories=[category, CategoryFactory(image=MediaFactory())])
        ProductImageFactory(product=product, media=stored, external_url="")
        ProductImageFactory(product=product, media=alias, external_url="", position=1)
        VariantFactory(product=product, image=MediaFactory())

    # Anonymous: a cold page of stored representations (catalog.documents) reads the page and its stored bodies,
    # renders through the ORM path's prefetches and writes the bodies: 12 queries whatever the page size.
    with django_assert_max_num_queries(12):
        response = anonymous_client.get("/api/v1/products?limit=100")

    assert len(response.json()["data"]) == rows
    assert response.json()["data"][0]["images"][1]["full"] == rendition_urls(stored)["full"]


@pytest.mark.parametrize("rows", [1, 100])
def test_category_and_brand_lists_with_media_have_constant_queries(
    store_settings, anonymous_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        stored = MediaFactory()
        alias = MediaFactory(checksum=stored.checksum, duplicate_of=stored)
        ProductFactory(categories=[CategoryFactory(image=alias)], brand=BrandFactory(image=stored))

    with django_assert_max_num_queries(6):
        categories = anonymous_client.get("/api/v1/categories?limit=100")
    with django_assert_max_num_queries(4):
        brands = anonymous_client.get("/api/v1/brands?limit=100")

    assert rendition_urls(stored) in [category["image"] for category in categories.json()["data"]]
    assert len(brands.json()["data"]) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_variant_list_with_media_has_constant_queries(
    store_settings, anonymous_client, django_assert_max_num_queries, rows
):
    product = ProductFactory()
    for _ in range(rows):
        VariantFactory(product=product, image=MediaFactory())

    with django_assert_max_num_queries(5):
        response = anonymous_client.get(f"/api/v1/products/{product.public_id}/variants?limit=100")

    assert len(response.json()["data"]) == rows


def test_demo_links_products_and_categories_to_media_once(settings, tmp_path):
    """The demo gives its products, categories and duvet-cover variants media images, and a re-run adds nothing."""
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    legacy = ProductFactory(slug="canvas-tote")
    ProductImageFactory(product=legacy, external_url="http://127.0.0.1:8000/media/demo/canvas-tote.png")

    seed_demo(stdout=io.StringIO())
    first = (Media.objects.count(), ProductImage.objects.count())
    seed_demo(stdout=io.StringIO())

    assert (Media.objects.count(), ProductImage.objects.count()) == first
    assert [image.media.original_name for image in legacy.images.all()] == ["sand.jpg", "forest.jpg"]
    assert not Category.objects.filter(slug__in=["home", "prints"], image__isnull=True).exists()
    duvet_variants = ProductFactory._meta.model.objects.get(slug="linen-duvet-cover").variants.all()
    assert all(variant.image_id for variant in duvet_variants)


def test_admin_pages_show_media_previews(client, django_user_model):
    """The gallery inline and the category/brand forms pick media by autocomplete and preview them."""
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    media = MediaFactory()
    product = ProductFactory()
    ProductImageFactory(product=product, media=media, external_url="")
    category = CategoryFactory(image=media)

    product_page = client.get(f"/admin/catalog/product/{product.pk}/change/")
    category_page = client.get(f"/admin/catalog/category/{category.pk}/change/")
    changelist = client.get("/admin/catalog/product/")

    thumb = rendition_urls(media)["thumb"]
    assert product_page.status_code == category_page.status_code == changelist.status_code == 200
    assert thumb in product_page.content.decode()
    assert thumb in category_page.content.decode()
    assert thumb in changelist.content.decode()
