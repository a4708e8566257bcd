"""Type sniffing and image work: verification under a pixel limit, metadata stripping and renditions.

Types come from the bytes only (a signature table; Pillow then proves an image decodes as the format its
signature claims). Renditions: `thumb` fits 150x150, `square` is a centre crop of up to 600x600, `full` fits
2048x2048. Every stored image is re-encoded from pixels, so EXIF (GPS included), XMP and comments are dropped;
the ICC colour profile is kept because it changes how the pixels look, not who took them.
"""

import io
import struct
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from .exceptions import ImageRejected, UnsupportedMediaType

THUMB_SIZE = 150
SQUARE_SIZE = 600
FULL_SIZE = 2048


@dataclass(frozen=True)
class Sniffed:
    kind: str
    mime_type: str
    extension: str
    image_format: str | None = None


# (offset, signature, type). WebP is RIFF with "WEBP" at offset 8.
SIGNATURES = (
    (0, b"\xff\xd8\xff", Sniffed("image", "image/jpeg", ".jpg", "JPEG")),
    (0, b"\x89PNG\r\n\x1a\n", Sniffed("image", "image/png", ".png", "PNG")),
    (0, b"GIF87a", Sniffed("image", "image/gif", ".gif", "GIF")),
    (0, b"GIF89a", Sniffed("image", "image/gif", ".gif", "GIF")),
    (8, b"WEBP", Sniffed("image", "image/webp", ".webp", "WEBP")),
    (0, b"%PDF-", Sniffed("file", "application/pdf", ".pdf")),
    (0, b"PK\x03\x04", Sniffed("file", "application/zip", ".zip")),
    (0, b"PK\x05\x06", Sniffed("file", "application/zip", ".zip")),
    (0, b"\x1f\x8b", Sniffed("file", "application/gzip", ".gz")),
)

# Renditions of lossless sources stay lossless; GIF renditions become PNG (only the first frame is used).
RENDITION_FORMATS = {
    "JPEG": ("JPEG", ".jpg"),
    "PNG": ("PNG", ".png"),
    "GIF": ("PNG", ".png"),
    "WEBP": ("WEBP", ".webp"),
}

# What Pillow raises on bytes that claim a format but do not decode as it.
DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
)


def sniff(data: bytes) -> Sniffed:
    """Identify the content by its signature. Raise UnsupportedMediaType for anything else."""
    for offset, signature, sniffed in SIGNATURES:
        if data[offset : offset + len(signature)] == signature and (offset == 0 or data[:4] == b"RIFF"):
            return sniffed
    raise UnsupportedMediaType(
        "The content is not a supported image (JPEG, PNG, GIF, WebP) or file (PDF, ZIP, GZIP).", param="file"
    )


@dataclass(frozen=True)
class Rendered:
    """The stored forms of one image: name → (bytes, extension)."""

    width: int
    height: int
    mime_type: str
    files: dict[str, tuple[bytes, str]]


def render_image(data: bytes, sniffed: Sniffed) -> Rendered:
    """Verify the image and make the stripped original and the renditions. Raise ImageRejected."""
    image = _open_verified(data, sniffed.image_format)
    mime_type = Image.MIME.get(image.format, sniffed.mime_type)
    try:
        image.seek(0)
        image.load()
        oriented = ImageOps.exif_transpose(image)
    except DECODE_ERRORS as exc:
        raise ImageRejected(f"The image data is corrupt or truncated ({exc}).") from exc
    icc_profile = image.info.get("icc_profile")
    rendition_format, rendition_ext = RENDITION_FORMATS[sniffed.image_format]
    working = _rendition_mode(oriented, rendition_format)
    thumb = working.copy()
    thumb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS)
    side = min(SQUARE_SIZE, *working.size)
    square = ImageOps.fit(working, (side, side), Image.Resampling.LANCZOS)
    full = working.copy()
    full.thumbnail((FULL_SIZE, FULL_SIZE), Image.Resampling.LANCZOS)
    files = {
        "original": (_encode(oriented, sniffed.image_format, icc_profile), sniffed.extension),
        "thumb": (_encode(thumb, rendition_format, icc_profile), rendition_ext),
        "square": (_encode(square, rendition_format, icc_profile), rendition_ext),
        "full": (_encode(full, rendition_format, icc_profile), rendition_ext),
    }
    return Rendered(width=oriented.width, height=oriented.height, mime_type=mime_type, files=files)


def _open_verified(data: bytes, image_format: str) -> Image.Image:
    """Open (headers only), refuse oversized images before decoding anything, then verify the data."""
    limit = settings.MEDIA_MAX_IMAGE_PIXELS
    try:
        probe = Image.open(io.BytesIO(data), formats=[image_format])
        width, height = probe.size
        if width * height > limit:
            raise ImageRejected(
                f"The image is {width}x{height} pixels ({width * height:,}); the limit is {limit:,} pixels."
            )
        probe.verify()
        return Image.open(io.BytesIO(data), formats=[image_format])
    except Image.DecompressionBombError as exc:
        raise ImageRejected(f"The image has too many pixels; the limit is {limit:,} pixels.") from exc
    except DECODE_ERRORS as exc:
        raise ImageRejected(f"The content is not a valid {image_format} image ({exc}).") from exc


def _rendition_mode(image: Image.Image, image_format: str) -> Image.Image:
    """Convert to a mode that resamples well and that the rendition format can store."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, image_format: str, icc_profile: bytes | None) -> bytes:
    """Re-encode the pixels with only the options given here: no EXIF, XMP or comments survive."""
    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        image = image if image.mode in ("RGB", "L", "CMYK") else image.convert("RGB")
        options.update(quality=88, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=88)
    elif image_format == "PNG":
        options.update(optimize=True)
    if "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    # Pillow encoders also read `image.info` for some chunks; start from an empty info dict.
    clean = image.copy()
    clean.info = {}
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, **options)
    return buffer.getvalue()
