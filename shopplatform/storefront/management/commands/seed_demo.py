"""`manage.py seed_demo`: an idempotent demo store.

Creates the staff user admin/admin, the store settings with payment methods, a pick-up location and menus, a few
customers and the demo buyer (who can sign in); then runs `seed_demo(stdout=...)` of every installed app whose `demo`
module defines one, so each domain app adds its own demo data (the buyer's wallet, orders, download and review
among it). Running it again changes nothing that exists. Both logins are printed at the end.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from shopplatform.accounts import services as account_services
from shopplatform.accounts.demo import BUYER_EMAIL, BUYER_PASSWORD, BUYER_USERNAME, ensure_demo_buyer
from shopplatform.accounts.models import Customer
from shopplatform.store.models import MenuItem, PaymentMethod, PickupLocation, Store

ADMIN_USERNAME = ADMIN_PASSWORD = "admin"
SITE = "https://demo.shopplatform.dev"
CDN = f"{SITE}/static/img/payments"

STORE_SETTINGS = {
    "username": "demo",
    "name": "Shopplatform Demo",
    "description": "Handmade homeware from Portugal: ceramics, textiles and prints.",
    "notice": "Free shipping on orders over 59 €",
    "email": "hello@demo.shopplatform.dev",
    "show_email": True,
    "cellphone": "(+351) 910 000 000",
    "address": "Avenida do Empresário, 1\n6000-767 Castelo Branco",
    "facebook": "https://www.facebook.com/shopplatform",
    "instagram": "https://www.instagram.com/shopplatform/",
    "basecolor": "#db0a5b",
    "basecolor_contrast": "#FFFFFF",
    "secondarycolor_contrast": "#FFFFFF",
    "latitude": "39.818466068593935",
    "longitude": "-7.491968556808545",
    "currency": "EUR",
    "locale": "en_IE",
    "taxes_included": True,
    "footer_info": "Demo store: products are for presentation only.",
    "page_title": "Shopplatform Demo",
    "meta_description": "Handmade homeware from Portugal: ceramics, textiles and prints.",
    "url": f"{SITE}/",
    "domain": "demo.shopplatform.dev",
    "terms_page_title": "Terms and conditions",
    "terms_page_url": f"{SITE}/page/terms-and-conditions",
    "privacy_page_title": "Privacy policy",
    "privacy_page_url": f"{SITE}/page/privacy-policy",
    "carts_email_subject": "{{ cart.client_name }}, you left products in your cart",
    "carts_email_lead": "Complete your order to make sure you get them.",
    "wholesale_client_signup": True,
    "wholesale_checkbox_label": "I want a wholesale (B2B) account",
}

PAYMENT_METHODS = [
    {"method": "credit_card", "gateway": "stripe", "title": "Credit card", "is_default": True},
    {"method": "multibanco", "gateway": "stripe", "title": "Multibanco"},
    {"method": "mbway", "gateway": "easypay", "title": "MB WAY", "active": False},
    {"method": "paypal", "gateway": "paypal", "title": "PayPal", "active": False, "paypal_email": "paypal@example.com"},
    {"method": "bank_transfer", "gateway": "manual", "title": "Bank transfer"},
    {"method": "on_delivery", "gateway": "manual", "title": "Cash on delivery", "surcharge_cents": 250},
    {"method": "pick_up", "gateway": "manual", "title": "Pick up at our shop"},
]

MENU = [
    ("primary", "Home", "/"),
    ("primary", "About us", "about"),
    ("primary", "Sales", "sales"),
    ("primary", "New", "new"),
    ("primary", "Contact", "contact"),
    ("secondary", "Terms and conditions", "terms-and-conditions"),
    ("secondary", "Privacy policy", "privacy-policy"),
]

CUSTOMERS = [
    {
        "email": "ana.silva@example.com",
        "name": "Ana Silva",
        "phone": "+351912345678",
        "newsletter": True,
        "delivery": {
            "name": "Ana Silva",
            "address": "Rua Augusta, 10",
            "city": "Lisboa",
            "zip_code": "1100-053",
            "country_code": "PRT",
        },
    },
    {
        "email": "joao.costa@example.com",
        "name": "João Costa",
        "company": "Costa & Filhos, Lda",
        "fiscal_id": "PT501234567",
        "wholesale": True,
        "delivery": {
            "name": "João Costa",
            "address": "Rua de Santa Catarina, 200",
            "city": "Porto",
            "zip_code": "4000-447",
            "country_code": "PRT",
        },
        "billing": {
            "name": "Costa & Filhos, Lda",
            "address": "Avenida da Boavista, 1000",
            "city": "Porto",
            "zip_code": "4100-112",
            "country_code": "PRT",
        },
    },
    {
        "email": "marie.dupont@example.com",
        "name": "Marie Dupont",
        "delivery": {
            "name": "Marie Dupont",
            "address": "12 rue de Rivoli",
            "city": "Paris",
            "zip_code": "75004",
            "country_code": "FRA",
        },
    },
]


class Command(BaseCommand):
    help = "Create (or complete) the demo store: admin/admin, store settings, customers and every app's demo data."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            self.seed_admin()
            self.seed_store()
            self.seed_customers()
            _, created = ensure_demo_buyer()
            self.stdout.write(f"Demo buyer: {'created' if created else 'already present'}.")
        for seed_app_demo in demo_seeders():
            seed_app_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo store ready."))
        self.stdout.write(f"Admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD} at /admin/")
        self.stdout.write(
            f"Buyer login: {BUYER_USERNAME} / {BUYER_PASSWORD} at /account/login/ "
            f"(customer {BUYER_EMAIL}; API key: manage.py create_api_key --user {BUYER_USERNAME} --scopes ...)"
        )

    def seed_admin(self) -> None:
        user_model = get_user_model()
        if not user_model.objects.filter(username=ADMIN_USERNAME).exists():
            user_model.objects.create_superuser(ADMIN_USERNAME, "admin@demo.shopplatform.dev", ADMIN_PASSWORD)

    def seed_store(self) -> None:
        store = Store.load()
        if store.payment_methods.exists():
            self.stdout.write("Store settings: already present, kept.")
            return
        for name, value in STORE_SETTINGS.items():
            setattr(store, name, value)
        store.save()
        for position, fields in enumerate(PAYMENT_METHODS):
            PaymentMethod.objects.create(
                store=store,
                position=position,
                description=f"Pay with {fields['title']}.",
                message=f"Instructions for {fields['title']} appear here.",
                image=f"{CDN}/{fields['method']}.png",
                **fields,
            )
        PickupLocation.objects.create(
            store=store,
            title="Main shop",
            name="Shopplatform Demo",
            address="Avenida do Empresário, 1",
            address_extra="S1.19",
            city="Castelo Branco",
            zip_code="6000-767",
            country="Portugal",
            country_code="PRT",
            phone="+351910000000",
        )
        for position, (menu, text, item) in enumerate(MENU):
            MenuItem.objects.create(store=store, menu=menu, text=text, item=item, position=position)
        self.stdout.write("Store settings: created.")

    def seed_customers(self) -> None:
        created = 0
        for fields in CUSTOMERS:
            if not Customer.objects.filter(email__iexact=fields["email"]).exists():
                account_services.create_customer(**fields)
                created += 1
        self.stdout.write(f"Customers: {created} created, {len(CUSTOMERS) - created} already present.")


def demo_seeders():
    """`seed_demo` of every installed app's `demo` module, in INSTALLED_APPS order.

    A `demo` module without `seed_demo` is a helper another app's demo uses (e.g. demo images); it is skipped.
    """
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if find_spec(name) is not None:
            seeder = getattr(import_module(name), "seed_demo", None)
            if seeder is not None:
                yield seeder
