"""process_media_task: verification, metadata stripping, renditions and outcomes."""

import io
from datetime import timedelta

import pytest
from PIL import ExifTags, Image

from media_library import services
from media_library.demo import ensure_demo_media
from media_library.models import Media
from media_library.tasks import process_media_task, requeue_stalled_media_task
from webhooks.models import Event

from .factories import image_bytes, jpeg_with_gps_and_orientation

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Upload bytes through the intake service and run processing as the commit would; return the fresh row."""

    def run(data: bytes, name: str = "upload") -> Media:
        with django_capture_on_commit_callbacks(execute=True):
            media, _ = services.add_media_bytes(data=data, name=name)
        media.refresh_from_db()
        return media

    return run


def open_stored(field_file) -> Image.Image:
    with field_file.open("rb") as stored:
        return Image.open(io.BytesIO(stored.read()))


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_decompression_bomb_ends_failed_with_a_clear_error(upload):
    bomb = image_bytes(size=(10_000, 10_000), mode="1", color=0)  # 100 megapixels in a few kilobytes

    media = upload(bomb, "bomb.png")

    assert media.status == "failed"
    assert "10000x10000 pixels" in media.error
    assert "limit is 50,000,000 pixels" in media.error
    assert not media.thumb.name


def test_bomb_beyond_pillows_own_limit_ends_failed(upload):
    media = upload(image_bytes(size=(14_000, 14_000), mode="1", color=0))

    assert media.status == "failed"
    assert "too many pixels" in media.error


def test_image_over_the_configured_pixel_limit_ends_failed(upload, settings):
    settings.MEDIA_MAX_IMAGE_PIXELS = 100 * 100

    media = upload(image_bytes(size=(101, 100)))

    assert media.status == "failed"
    assert "limit is 10,000 pixels" in media.error


def test_truncated_png_ends_failed(upload):
    media = upload(image_bytes()[:60], "cut.png")

    assert media.status == "failed"
    assert "PNG" in media.error


def test_gps_exif_is_absent_from_every_stored_image(upload):
    source = jpeg_with_gps_and_orientation()
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    media = upload(source, "holiday.jpg")

    assert media.status == "ready"
    for field_file in (media.original, media.thumb, media.square, media.full):
        with field_file.open("rb") as stored:
            content = stored.read()
        image = Image.open(io.BytesIO(content))
        assert dict(image.getexif()) == {}, field_file.name
        assert b"Exif" not in content and b"SpyCam" not in content, field_file.name


def test_exif_orientation_is_applied_before_stripping(upload):
    media = upload(jpeg_with_gps_and_orientation(size=(400, 200), orientation=6))

    assert (media.width, media.height) == (200, 400)
    assert open_stored(media.original).size == (200, 400)


def test_renditions_have_their_sizes(upload):
    media = upload(image_bytes(size=(3000, 1500), image_format="JPEG"))

    assert open_stored(media.thumb).size == (150, 75)
    assert open_stored(media.square).size == (600, 600)
    assert open_stored(media.full).size == (2048, 1024)
    assert open_stored(media.original).size == (3000, 1500)
    assert media.full.name == f"media/images/{media.public_id}.jpg"
    assert media.thumb.name == f"media/images/thumb/{media.public_id}.jpg"


def test_small_image_is_not_upscaled(upload):
    media = upload(image_bytes(size=(120, 80)))

    assert open_stored(media.thumb).size == (120, 80)
    assert open_stored(media.square).size == (80, 80)


def test_transparent_png_renditions_keep_alpha(upload):
    media = upload(image_bytes(mode="RGBA", color=(0, 0, 0, 0)))

    assert open_stored(media.thumb).mode == "RGBA"


def test_gif_renditions_are_png(upload):
    media = upload(image_bytes(image_format="GIF", mode="P", color=3))

    assert media.mime_type == "image/gif"
    assert media.thumb.name.endswith(".png")
    assert open_stored(media.original).format == "GIF"


def test_pending_bytes_are_removed_once_processed(upload, stored_files):
    media = upload(image_bytes())

    assert media.pending_name == ""
    assert not [name for name in stored_files() if name.startswith("media/pending/")]


def test_processing_emits_media_processed_with_the_ready_media(upload):
    media = upload(image_bytes())

    event = Event.objects.get(type="media.processed")
    assert event.data["object"]["id"] == media.public_id
    assert event.data["object"]["status"] == "ready"


def test_a_failure_also_emits_media_processed(upload):
    upload(image_bytes()[:60])

    assert Event.objects.get(type="media.processed").data["object"]["status"] == "failed"


def test_running_the_task_twice_changes_nothing(upload, stored_files):
    media = upload(image_bytes())
    files_before = stored_files()

    process_media_task.delay(media.pk)

    assert stored_files() == files_before
    assert Event.objects.filter(type="media.processed").count() == 1


def test_url_answering_404_ends_failed(staff_client, file_server, django_capture_on_commit_callbacks):
    base_url, _ = file_server
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/api/v1/media", {"url": f"{base_url}/missing.png"}, format="json")

    media = Media.objects.get(public_id=response.json()["id"])
    assert media.status == "failed"
    assert "404" in media.error


def test_url_over_the_size_limit_ends_failed(staff_client, file_server, settings, django_capture_on_commit_callbacks):
    settings.MEDIA_MAX_UPLOAD_BYTES = 500
    base_url, routes = file_server
    routes["/big.png"] = (200, image_bytes() + b"\0" * 1000)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/api/v1/media", {"url": f"{base_url}/big.png"}, format="json")

    media = Media.objects.get(public_id=response.json()["id"])
    assert media.status == "failed"
    assert "limit is 500" in media.error


def test_url_serving_text_ends_failed_as_unsupported(staff_client, file_server, django_capture_on_commit_callbacks):
    base_url, routes = file_server
    routes["/fake.png"] = (200, b"<html>not an image</html>")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/api/v1/media", {"url": f"{base_url}/fake.png"}, format="json")

    media = Media.objects.get(public_id=response.json()["id"])
    assert media.status == "failed"
    assert "not a supported image" in media.error


def test_stalled_processing_media_are_processed_by_the_sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # the broker message is lost
        media, _ = services.add_media_bytes(data=image_bytes(), name="lost.png")
    Media.objects.filter(pk=media.pk).update(created_at=media.created_at - timedelta(hours=1))

    assert requeue_stalled_media_task.delay().get() == 1

    media.refresh_from_db()
    assert media.status == "ready"


def test_demo_media_are_ready_and_stable_across_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ensure_demo_media()
    second = ensure_demo_media()

    assert {media.pk for media in first.values()} == {media.pk for media in second.values()}
    assert set(Media.objects.values_list("status", flat=True)) == {"ready"}
