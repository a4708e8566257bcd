"""Download links for version files, valid DIGITAL_DOWNLOAD_URL_SECONDS (60) seconds.

On S3 the link is the storage's presigned URL (X-Amz-Expires=60). On the local file system it is
`<SITE>/downloads/<token>`, where token = `signing.TimestampSigner(salt=SALT).sign_object({"v": "<ver_…>"})`:
base64 JSON, the signing time and an HMAC of both under SECRET_KEY with this module's own salt. `serve_download`
checks the signature and its age on every fetch, so an altered or older link is refused with 403.
Whoever holds a fresh link may fetch it, like a presigned S3 URL; who gets links is decided by the API.
"""

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from shopplatform.api.errors import problem_response
from shopplatform.errors import NotFound, ShopError
from shopplatform.links import absolute_url

from ..exceptions import DownloadLinkExpired, InvalidDownloadLink
from .models import Version
from .storage import digital_storage

# Kept from when this module was catalog.downloads: changing the salt would invalidate links already handed out.
SALT = "catalog.downloads.version-file"


def download_url(*, version: Version, request) -> str:
    """An absolute URL that serves the version's file for the next 60 seconds."""
    storage = digital_storage()
    seconds = settings.DIGITAL_DOWNLOAD_URL_SECONDS
    if isinstance(storage, FileSystemStorage):
        token = signing.TimestampSigner(salt=SALT).sign_object({"v": version.public_id})
        return absolute_url(reverse("catalog-download-file", args=[token]))
    disposition = f'attachment; filename="{_quoted(version.download_filename)}"'
    return storage.url(version.file_name, parameters={"ResponseContentDisposition": disposition}, expire=seconds)


@require_safe
def serve_download(request, token: str):
    """Stream the file of a fresh, untampered link; 403 once expired or altered, 404 once the version is yanked."""
    try:
        version = _version_for(token)
    except ShopError as error:
        return problem_response(
            request, status=error.status, code=error.code, title=error.title, detail=error.detail, param=error.param
        )
    response = FileResponse(
        digital_storage().open(version.file_name, "rb"), as_attachment=True, filename=version.download_filename
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _version_for(token: str) -> Version:
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token, max_age=settings.DIGITAL_DOWNLOAD_URL_SECONDS)
    except signing.SignatureExpired:
        raise DownloadLinkExpired("This download link has expired; request a new one.") from None
    except signing.BadSignature:
        raise InvalidDownloadLink("This download link is not valid.") from None
    version = Version.objects.filter(public_id=payload.get("v"), yanked=False).first()
    if version is None:
        raise NotFound("The version is no longer available.")
    return version


def _quoted(filename: str) -> str:
    return filename.replace("\\", "_").replace('"', "_")
