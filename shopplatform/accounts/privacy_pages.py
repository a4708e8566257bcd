"""Pages behind the links privacy e-mails carry: confirm a request, download an export archive.

Confirming takes a button press (POST): mail scanners that open links must not trigger an erasure.
"""

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import privacy_services
from .exceptions import InvalidPrivacyLink


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_request(request, token: str):
    try:
        if request.method == "POST":
            privacy_request = privacy_services.confirm_privacy_request(token=token)
        else:
            privacy_request = privacy_services.request_for_confirmation_token(token)
    except InvalidPrivacyLink as exc:
        return render(request, "privacy/link_invalid.html", {"message": exc.detail}, status=400)
    return render(request, "privacy/confirm.html", {"privacy_request": privacy_request})


@never_cache
@require_http_methods(["GET"])
def download_export(request, token: str):
    try:
        privacy_request, archive = privacy_services.open_export_archive(token=token)
    except InvalidPrivacyLink as exc:
        return render(request, "privacy/link_invalid.html", {"message": exc.detail}, status=400)
    return FileResponse(
        archive, as_attachment=True, filename=f"{privacy_request.public_id}.json", content_type="application/json"
    )
