"""Privacy pages: the account page that files a request, and the pages behind the links privacy e-mails carry
(confirm a request, download an export archive).

Confirming takes a button press (POST): mail scanners that open links must not trigger an erasure.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from shopplatform.accounts.services import ensure_customer
from shopplatform.errors import ShopError

from . import services
from .exceptions import InvalidPrivacyLink
from .export import open_export_archive
from .forms import PrivacyRequestForm
from .models import PrivacyRequest

PRIVACY_REQUESTS_SHOWN = 20


@login_required
@require_http_methods(["GET", "POST"])
def account_privacy(request):
    """File an export or erase request for the account's address and list its requests.

    The request goes through file_privacy_request like the API's, so nothing happens until the owner of the
    address confirms the e-mailed link, even for a signed-in buyer (a shared computer must not erase an account).
    """
    customer = ensure_customer(user=request.user)
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_privacy_request(email=customer.email, kind=form.cleaned_data["kind"])
        except ShopError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, f"We e-mailed a confirmation link to {customer.email}. Open it to go ahead.")
            return redirect("account-privacy")
    requests = PrivacyRequest.objects.filter(email=customer.email.lower())[:PRIVACY_REQUESTS_SHOWN]
    context = {"customer": customer, "form": form, "requests": requests}
    return render(request, "account/privacy.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_request(request, token: str):
    try:
        if request.method == "POST":
            privacy_request = services.confirm_privacy_request(token=token)
        else:
            privacy_request = services.request_for_confirmation_token(token)
    except InvalidPrivacyLink as exc:
        return render(request, "privacy/link_invalid.html", {"message": exc.detail}, status=400)
    return render(request, "privacy/confirm.html", {"privacy_request": privacy_request})


@never_cache
@require_http_methods(["GET"])
def download_export(request, token: str):
    try:
        privacy_request, archive = open_export_archive(token=token)
    except InvalidPrivacyLink as exc:
        return render(request, "privacy/link_invalid.html", {"message": exc.detail}, status=400)
    return FileResponse(
        archive, as_attachment=True, filename=f"{privacy_request.public_id}.json", content_type="application/json"
    )
