from shopplatform.errors import InvalidInput, PayloadTooLarge, ShopError


class InvalidBase64(InvalidInput):
    """The `file` field is not valid base64 (a `data:` URI prefix is allowed)."""

    code, title = "invalid_base64", "Invalid base64"


class UploadTooLarge(PayloadTooLarge):
    """The uploaded or fetched file is over MEDIA_MAX_UPLOAD_BYTES."""


class UnsupportedMediaType(ShopError):
    """The content is not one of the accepted types (JPEG, PNG, GIF, WebP images; PDF, ZIP, GZIP files).

    The type is sniffed from the bytes; the file name and the client's Content-Type are ignored.
    """

    status, code, title = 415, "unsupported_media_type", "Unsupported media type"


class ImageRejected(ShopError):
    """The image could not be processed: corrupt, truncated, or over the pixel limit (decompression bomb)."""

    status, code, title = 422, "image_rejected", "Image rejected"
