"""An admin save and an API write of the same data store the same row and emit the same events.

Each case writes once through the API and once through the admin form, each inside a savepoint rolled back
afterwards, so both start from the same database; identities and clocks are left out of the comparison.
"""

import pytest
from django.urls import reverse

from catalog import services as catalog_services
from catalog.models import Brand, Category, OptionGroup, Product, Variant, Version
from catalog.passports.models import ProductPassport
from catalog.reviews.models import Review
from orders.models import Coupon, ShippingMethod
from shopplatform.accounts.models import Customer
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    RegisteredCustomerFactory,
    ReviewFactory,
    VersionFactory,
)
from wallet.models import LedgerEntry
from webhooks.models import WebhookEndpoint

from .conftest import capture, form_data

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks"
UNSAFE_DESCRIPTION = '<p onclick="steal()">Warm light<script>alert(1)</script></p>'


def add_page(admin_browser, model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def change_page(admin_browser, row) -> str:
    return reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])


def newest(model):
    return lambda: model.objects.order_by("-pk").first()


def admin_add(admin_browser, model, **changes):
    url = add_page(admin_browser, model)
    data = form_data(admin_browser.get(url), **changes)
    return lambda: admin_browser.post(url, data)


def admin_change(admin_browser, row, **changes):
    url = change_page(admin_browser, row)
    data = form_data(admin_browser.get(url), **changes)
    return lambda: admin_browser.post(url, data)


def product_created(api, admin_browser):
    body = {"title": "Desk lamp", "slug": "desk-lamp", "price_cents": 1990, "description": UNSAFE_DESCRIPTION}
    body |= {"gtin": "4006381333931", "status": "active", "sku": "LAMP-1"}
    admin_fields = {**body, "categories": None, "price_cents": "19.90"}  # the admin takes currency units
    return (
        lambda: api.post("/api/v1/products", body, format="json"),
        admin_add(admin_browser, Product, **admin_fields),
        newest(Product),
    )


def product_changed(api, admin_browser):
    product = ProductFactory(title="Old lamp", categories=[CategoryFactory()])
    category = CategoryFactory()
    body = {"title": "New lamp", "description": UNSAFE_DESCRIPTION, "categories": [category.public_id]}
    return (
        lambda: api.patch(f"/api/v1/products/{product.public_id}", body, format="json"),
        admin_change(
            admin_browser, product, title="New lamp", description=UNSAFE_DESCRIPTION, categories=[category.pk]
        ),
        lambda: Product.objects.get(pk=product.pk),
    )


def category_created(api, admin_browser):
    parent = CategoryFactory()
    body = {"title": "Lamps", "slug": "lamps", "description": UNSAFE_DESCRIPTION}
    return (
        lambda: api.post("/api/v1/categories", {**body, "parent": parent.public_id}, format="json"),
        admin_add(admin_browser, Category, **body, parent=parent.pk),
        newest(Category),
    )


def brand_created(api, admin_browser):
    body = {"title": "Lumen", "slug": "lumen", "description": UNSAFE_DESCRIPTION, "position": 3}
    return (
        lambda: api.post("/api/v1/brands", body, format="json"),
        admin_add(admin_browser, Brand, **body),
        newest(Brand),
    )


def option_group_created(api, admin_browser):
    product = ProductFactory()
    options = {"options-TOTAL_FORMS": 2, "options-INITIAL_FORMS": 0}
    options |= {"options-0-title": "S", "options-0-position": 0, "options-1-title": "M", "options-1-position": 1}
    return (
        lambda: api.post(
            f"/api/v1/products/{product.public_id}/option-groups",
            {"title": "Size", "options": [{"title": "S"}, {"title": "M"}]},
            format="json",
        ),
        admin_add(admin_browser, OptionGroup, product=product.pk, title="Size", **options),
        newest(OptionGroup),
    )


def variant_changed(api, admin_browser):
    product = ProductFactory(stock_enabled=True)
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}, {"title": "M"}])
    variant = product.variants.order_by("position").first()
    return (
        lambda: api.patch(
            f"/api/v1/products/{product.public_id}/variants/{variant.public_id}",
            {"price_cents": 1500, "sku": "LAMP-S", "stock_quantity": 4},
            format="json",
        ),
        admin_change(
            admin_browser,
            product,
            **{"variants-0-price_cents": "15.00", "variants-0-sku": "LAMP-S", "variants-0-stock_quantity": 4},
        ),
        lambda: Variant.objects.get(pk=variant.pk),
    )


def passport_created(api, admin_browser):
    product = ProductFactory(gtin="04006381333931")
    materials = {"materials-TOTAL_FORMS": 1, "materials-INITIAL_FORMS": 0}
    materials |= {"materials-0-name": "Cotton", "materials-0-share_percent": "60", "materials-0-position": 0}
    return (
        lambda: api.put(
            f"/api/v1/products/{product.public_id}/passport",
            {"origin_country": "PRT", "materials": [{"name": "Cotton", "share_percent": "60"}]},
            format="json",
        ),
        admin_add(admin_browser, ProductPassport, product=product.pk, origin_country="PRT", **materials),
        newest(ProductPassport),
    )


def review_hidden(api, admin_browser):
    review = ReviewFactory()
    changelist = reverse("admin:catalog_review_changelist")
    return (
        lambda: api.patch(f"/api/v1/reviews/{review.public_id}", {"hidden": True}, format="json"),
        lambda: admin_browser.post(changelist, {"action": "hide", "_selected_action": [review.pk]}),
        lambda: Review.objects.get(pk=review.pk),
    )


def version_yanked(api, admin_browser):
    version = VersionFactory(version_tag="1.0.0")
    changelist = reverse("admin:catalog_version_changelist")
    return (
        lambda: api.patch(
            f"/api/v1/products/{version.product.public_id}/versions/{version.public_id}",
            {"yanked": True},
            format="json",
        ),
        lambda: admin_browser.post(changelist, {"action": "yank", "_selected_action": [version.pk]}),
        lambda: Version.objects.get(pk=version.pk),
    )


def version_notes_changed(api, admin_browser):
    version = VersionFactory(version_tag="1.0.0")
    notes = "<p>Fixes the pattern's row counts.<script>alert(1)</script></p>"
    return (
        lambda: api.patch(
            f"/api/v1/products/{version.product.public_id}/versions/{version.public_id}",
            {"release_notes_html": notes, "channel": "beta"},
            format="json",
        ),
        admin_change(admin_browser, version, release_notes_html=notes, channel="beta"),
        lambda: Version.objects.get(pk=version.pk),
    )


def coupon_created(api, admin_browser):
    body = {"code": "SPRING10", "type": "percent", "value": 10, "applies_to": "orders_over"}
    body |= {"orders_over_cents": 5000, "limit": 100}
    return (
        lambda: api.post("/api/v1/coupons", body, format="json"),
        admin_add(admin_browser, Coupon, **{**body, "orders_over_cents": "50.00"}),  # the admin takes currency units
        newest(Coupon),
    )


def shipping_method_created(api, admin_browser):
    body = {"title": "Courier", "price_cents": 500, "free_over_cents": 5000}
    admin_body = {**body, "price_cents": "5.00", "free_over_cents": "50.00"}  # the admin takes currency units
    return (
        lambda: api.post("/api/v1/shipping-methods", {**body, "countries": ["prt", "ESP"]}, format="json"),
        admin_add(admin_browser, ShippingMethod, **admin_body, countries='["prt", "ESP"]'),
        newest(ShippingMethod),
    )


def customer_created(api, admin_browser):
    body = {"email": "Ana@Example.com", "name": "Ana Silva", "newsletter": True, "company": "Luz Lda"}
    return (
        lambda: api.post("/api/v1/customers", body, format="json"),
        admin_add(admin_browser, Customer, **body, **{"addresses-TOTAL_FORMS": 0, "addresses-INITIAL_FORMS": 0}),
        newest(Customer),
    )


def wallet_adjusted(api, admin_browser):
    customer = RegisteredCustomerFactory()
    from wallet.services import wallet_for_customer

    wallet = wallet_for_customer(customer=customer)
    adjust = reverse("admin:wallet_wallet_adjust", args=[wallet.pk])
    return (
        lambda: api.post(
            "/api/v1/wallet/adjustments",
            {"customer": customer.email, "amount_cents": 2500, "reason": "goodwill"},
            format="json",
        ),
        lambda: admin_browser.post(adjust, {"type": "credit", "amount": "25.00", "reason": "goodwill"}),
        newest(LedgerEntry),
    )


def webhook_endpoint_created(api, admin_browser):
    body = {"url": PUBLIC_URL, "description": "ERP"}
    return (
        lambda: api.post("/api/v1/webhook-endpoints", {**body, "events": ["order.created"]}, format="json"),
        admin_add(admin_browser, WebhookEndpoint, **body, events='["order.created"]', active=True),
        newest(WebhookEndpoint),
    )


CASES = {
    "product created": product_created,
    "product changed": product_changed,
    "variant changed": variant_changed,
    "option group created": option_group_created,
    "category created": category_created,
    "brand created": brand_created,
    "coupon created": coupon_created,
    "shipping method created": shipping_method_created,
    "passport created": passport_created,
    "review hidden": review_hidden,
    "version yanked": version_yanked,
    "version notes changed": version_notes_changed,
    "customer created": customer_created,
    "wallet adjusted": wallet_adjusted,
    "webhook endpoint created": webhook_endpoint_created,
}


@pytest.fixture(autouse=True)
def _digital_files_in_a_temporary_folder(settings, tmp_path):
    """Version files (VersionFactory stores one) go to a folder of the test, not the project's var/."""
    digital = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}
    settings.STORAGES = {**settings.STORAGES, "digital": digital}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_admin_save_stores_the_same_row_and_events_as_the_api(case, merchant_api, admin_browser):
    api_write, admin_write, find_row = case(merchant_api, admin_browser)

    through_api = capture(api_write, find_row)
    through_admin = capture(admin_write, find_row)

    assert through_admin == through_api
