"""Factories and sample content for media tests: rows, and real image/file bytes built with Pillow."""

import base64
import io

import factory
from PIL import ExifTags, Image

from media_library.models import Media


class MediaFactory(factory.django.DjangoModelFactory):
    """A processed image row (its storage names need not exist for API rendering)."""

    class Meta:
        model = Media

    checksum = factory.Sequence(lambda n: f"{n:032x}")
    original_name = factory.Sequence(lambda n: f"photo-{n}.jpg")
    kind = Media.Kind.IMAGE
    mime_type = "image/jpeg"
    extension = ".jpg"
    size_bytes = 1234
    width = 800
    height = 600
    status = Media.Status.READY
    original = factory.LazyAttribute(lambda media: f"media/originals/{media.checksum}.jpg")
    thumb = factory.LazyAttribute(lambda media: f"media/images/thumb/{media.checksum}.jpg")
    square = factory.LazyAttribute(lambda media: f"media/images/square/{media.checksum}.jpg")
    full = factory.LazyAttribute(lambda media: f"media/images/{media.checksum}.jpg")


def image_bytes(size=(800, 600), image_format="PNG", color=(40, 120, 200), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def jpeg_with_gps_and_orientation(size=(400, 200), orientation=6) -> bytes:
    """A JPEG whose EXIF carries GPS coordinates, a camera make and an orientation (6 = rotate 90° clockwise)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SpyCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 11.0)
    return image_bytes(size=size, image_format="JPEG", exif=exif)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def post_base64(client, data: bytes, name: str = "photo.png"):
    """POST the bytes as a base64 JSON upload."""
    return client.post("/api/v1/media", {"file": base64.b64encode(data).decode(), "name": name}, format="json")
