"""The demo buyer: a signed-in customer the other apps' demos give a wallet, orders, a download and a review.

Signs in on the store (`/account/login/`) and names the key owner of `manage.py create_api_key --user buyer`.
This module has no `seed_demo`: the `seed_demo` command creates the buyer before any app's demo runs, because
those demos look the buyer up by e-mail.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .models import Customer

BUYER_USERNAME = "buyer"
BUYER_EMAIL = "buyer@example.com"
BUYER_PASSWORD = "buyer-pass-123"
BUYER_NAME = "Beatriz Moreira"
BUYER_DELIVERY = {
    "name": BUYER_NAME,
    "address": "Rua das Flores, 42",
    "city": "Porto",
    "zip_code": "4050-262",
    "country_code": "PRT",
}


@transaction.atomic
def ensure_demo_buyer() -> tuple[Customer, bool]:
    """Return the demo buyer's customer record and whether it was created now (user, password and address)."""
    users = get_user_model().objects
    user = users.filter(username=BUYER_USERNAME).first()
    created = user is None
    if created:
        first, _, last = BUYER_NAME.partition(" ")
        user = users.create_user(BUYER_USERNAME, BUYER_EMAIL, BUYER_PASSWORD, first_name=first, last_name=last)
    customer = Customer.objects.filter(email=BUYER_EMAIL).first()
    if customer is None:
        customer = services.create_customer(
            email=BUYER_EMAIL, name=BUYER_NAME, user=user, newsletter=True, delivery=BUYER_DELIVERY
        )
    elif customer.user_id is None:
        customer = services.ensure_customer(user=user)
    return customer, created
