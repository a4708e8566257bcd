"""An upload that the storage refuses leaves no media row, so the same bytes can be sent again once it is back."""

import pytest

from media_library.models import Media
from media_library.services import add_media_bytes

pytestmark = pytest.mark.django_db

# The smallest valid GIF: a real image, so the upload passes every check before the storage.
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def storage_at(settings, location) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }


def test_a_refused_store_leaves_no_row_and_a_retry_stores_the_bytes(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the storage expects a folder")
    storage_at(settings, blocker)

    with pytest.raises(OSError):
        add_media_bytes(data=GIF, name="dot.gif")
    assert Media.objects.count() == 0

    storage_at(settings, tmp_path / "media")
    media, created = add_media_bytes(data=GIF, name="dot.gif")

    assert created is True
    assert media.pending_name
