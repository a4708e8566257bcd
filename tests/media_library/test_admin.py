"""Back-office media: previews, the upload form through the intake service, deletes that remove files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from media_library.models import Media

from .factories import MediaFactory, image_bytes

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/media_library/media/"


def upload_in_admin(admin_client, captured_commits, data: bytes, name: str = "admin.png"):
    with captured_commits(execute=True):
        return admin_client.post(f"{CHANGELIST}add/", {"upload": SimpleUploadedFile(name, data)})


def test_changelist_shows_thumbnail_previews(admin_client):
    media = MediaFactory()

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert f"/media/{media.thumb.name}".encode() in response.content


def test_changelist_filters_by_status(admin_client):
    MediaFactory(original_name="ready.jpg")
    MediaFactory(original_name="broken.jpg", status="failed")

    response = admin_client.get(f"{CHANGELIST}?status__exact=failed")

    assert b"broken.jpg" in response.content and b"ready.jpg" not in response.content


def test_upload_form_creates_processed_media(admin_client, django_capture_on_commit_callbacks):
    response = upload_in_admin(admin_client, django_capture_on_commit_callbacks, image_bytes())

    media = Media.objects.get()
    assert response.status_code == 302
    assert (media.status, media.original_name) == ("ready", "admin.png")


def test_upload_form_refuses_unsupported_content(admin_client, django_capture_on_commit_callbacks):
    response = upload_in_admin(admin_client, django_capture_on_commit_callbacks, b"plain text", "fake.png")

    assert response.status_code == 200
    assert b"not a supported image" in response.content
    assert not Media.objects.exists()


def test_upload_of_known_bytes_shows_the_existing_media(admin_client, django_capture_on_commit_callbacks):
    data = image_bytes()
    upload_in_admin(admin_client, django_capture_on_commit_callbacks, data)

    response = upload_in_admin(admin_client, django_capture_on_commit_callbacks, data, "again.png")

    assert response.status_code == 302
    assert Media.objects.count() == 1


def test_delete_in_admin_removes_stored_files(admin_client, stored_files, django_capture_on_commit_callbacks):
    upload_in_admin(admin_client, django_capture_on_commit_callbacks, image_bytes())
    media = Media.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"{CHANGELIST}{media.pk}/delete/", {"post": "yes"})

    assert not Media.objects.exists()
    assert stored_files() == []


def test_bulk_delete_action_removes_stored_files(admin_client, stored_files, django_capture_on_commit_callbacks):
    upload_in_admin(admin_client, django_capture_on_commit_callbacks, image_bytes(color=(1, 2, 3)))
    upload_in_admin(admin_client, django_capture_on_commit_callbacks, image_bytes(color=(4, 5, 6)))
    selected = [str(pk) for pk in Media.objects.values_list("pk", flat=True)]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": selected, "post": "yes"})

    assert not Media.objects.exists()
    assert stored_files() == []


def test_detail_page_is_read_only_with_a_preview(admin_client):
    media = MediaFactory()

    response = admin_client.get(f"{CHANGELIST}{media.pk}/change/")

    assert response.status_code == 200
    assert f"/media/{media.square.name}".encode() in response.content
    assert b'name="_save"' not in response.content
