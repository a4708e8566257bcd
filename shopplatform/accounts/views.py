"""Account pages for buyers: sign-up and e-mail verification, the address book, API keys, and the newsletter sign-up. The account
home and order pages show orders, so they live in the storefront app; the privacy page in the privacy app.

Sign-in, sign-out and password reset are Django's auth views (see urls.py) with our templates. A store sign-up
creates a Django user whose username is the e-mail, and its customer record through the accounts services.
When a customer record with that e-mail already exists (guest orders), the account starts inactive and only a link
e-mailed to the address activates it and attaches that history: otherwise anyone could sign up with another
person's address and read their orders.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.http import require_http_methods, require_POST

from shopplatform.countries import country_name
from shopplatform.errors import ShopError
from shopplatform.links import absolute_url
from shopplatform.store.context_processors import current_store
from shopplatform.store.models import FieldRequirement

from .exceptions import ApiKeyLimitReached
from .forms import AddressForm, ApiKeyForm, NewsletterForm, SignUpForm
from .models import Address, ApiKey, Customer
from .queries import address_book
from .services import (
    add_address,
    create_customer,
    delete_address,
    ensure_customer,
    issue_api_key,
    revoke_api_key,
    set_default_address,
    update_address,
    update_customer,
)


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if current_store(request).users_registration == FieldRequirement.HIDDEN:
        raise Http404("This store does not offer accounts.")
    if request.user.is_authenticated:
        return redirect("account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _create_account(form.cleaned_data)
        if not user.is_active:
            _send_verification(request, user, newsletter=form.cleaned_data["newsletter"])
            return render(request, "registration/signup_verify_sent.html", {"email": user.email})
        login(request, user, backend="shopplatform.accounts.authentication.EmailOrUsernameBackend")
        messages.success(request, "Welcome! Your account is ready.")
        return redirect(_next_url(request) or "account")
    context = {"form": form, "next": _next_url(request)}
    return render(request, "registration/signup.html", context, status=400 if form.errors else 200)


@transaction.atomic
def _create_account(data: dict):
    email = data["email"]
    first, _, last = data["name"].partition(" ")
    user = get_user_model().objects.create_user(
        username=email, email=email, password=data["password"], first_name=first[:150], last_name=last[:150]
    )
    if Customer.objects.filter(email=email).exists():
        # Attached to the existing record only once the address is proven (verify_email).
        user.is_active = False
        user.save(update_fields=["is_active"])
    else:
        create_customer(email=email, name=data["name"], newsletter=data["newsletter"], user=user)
    return user


def _send_verification(request, user, *, newsletter: bool) -> None:
    # Only the address owner receives the link, so opening it with ?newsletter=1 is that owner's consent.
    link = absolute_url(
        reverse(
            "verify-email", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]
        )
        + ("?newsletter=1" if newsletter else "")
    )
    body = render_to_string("registration/verify_email.txt", {"user": user, "link": link})
    send_mail("Confirm your e-mail address", body, None, [user.email])


@require_http_methods(["GET"])
def verify_email(request, uidb64: str, token: str):
    """Activate an account whose e-mail matched an existing customer, and attach that customer's history."""
    try:
        user = get_user_model().objects.get(pk=urlsafe_base64_decode(uidb64).decode(), is_active=False)
    except (ValueError, TypeError, get_user_model().DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "registration/verify_email_failed.html", status=400)
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        customer = ensure_customer(user=user)
        if request.GET.get("newsletter") == "1" and not customer.newsletter:
            update_customer(customer=customer, newsletter=True)
    login(request, user, backend="shopplatform.accounts.authentication.EmailOrUsernameBackend")
    messages.success(request, "Your e-mail is confirmed and your earlier orders are in your account.")
    return redirect("account")


@login_required
@require_http_methods(["GET", "POST"])
def api_keys(request):
    """List the user's keys; a valid POST issues one and shows its secret on this response only."""
    form = ApiKeyForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = issue_api_key(
                user=request.user, scopes=form.cleaned_data["scopes"], name=form.cleaned_data["name"]
            )
            form = ApiKeyForm()
        except ApiKeyLimitReached as error:
            form.add_error(None, error.detail)
    keys = ApiKey.objects.filter(user=request.user)
    response = render(
        request,
        "account/api_keys.html",
        {"form": form, "keys": keys, "secret": secret},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # the secret must not linger in caches
    return response


@login_required
@require_POST
def revoke_key(request, key_id: str):
    api_key = get_object_or_404(ApiKey, public_id=key_id, user=request.user)
    revoke_api_key(api_key=api_key)
    messages.info(request, f"The key {api_key.prefix}… was revoked.")
    return redirect("account-api-keys")


@require_POST
def newsletter(request):
    """Subscribe an e-mail: the signed-in buyer's or anyone's from the footer form."""
    form = NewsletterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a valid e-mail address to subscribe.")
        return redirect(_next_url(request) or "store:home")
    email = form.cleaned_data["email"].strip().lower()
    customer = Customer.objects.filter(email=email).first()
    try:
        if customer is None:
            create_customer(email=email, newsletter=True)
        elif not customer.newsletter:
            update_customer(customer=customer, newsletter=True)
    except ShopError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "Thanks! You are subscribed to our newsletter.")
    return redirect(_next_url(request) or "store:home")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def _own_address(request, address_id: int) -> Address:
    """One of the signed-in buyer's addresses; 404 for anyone else's."""
    return get_object_or_404(Address, pk=address_id, customer__user=request.user, kind=Address.Kind.DELIVERY)


@login_required
@require_http_methods(["GET", "POST"])
def addresses(request):
    """The address book: the saved addresses and a form that adds one."""
    customer = ensure_customer(user=request.user)
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        add_address(customer=customer, data=data, make_default=data.pop("is_default"))
        messages.success(request, "The address was saved.")
        return redirect("account-addresses")
    book = list(address_book(customer))
    for address in book:
        address.country = country_name(address.country_code)
    context = {"form": form, "addresses": book, "section": "addresses"}
    return render(request, "account/addresses.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request, address_id: int):
    address = _own_address(request, address_id)
    initial = {name: getattr(address, name) for name in AddressForm.base_fields}
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        make_default = data.pop("is_default")
        address = update_address(address=address, data=data)
        if make_default and not address.is_default:
            set_default_address(address=address)
        messages.success(request, "The address was updated.")
        return redirect("account-addresses")
    context = {"form": form, "address": address, "section": "addresses"}
    return render(request, "account/address_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def address_delete(request, address_id: int):
    delete_address(address=_own_address(request, address_id))
    messages.success(request, "The address was deleted.")
    return redirect("account-addresses")


@login_required
@require_POST
def address_default(request, address_id: int):
    set_default_address(address=_own_address(request, address_id))
    messages.success(request, "That address is now your default.")
    return redirect("account-addresses")
