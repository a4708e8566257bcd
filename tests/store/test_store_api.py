"""GET /api/v1/store."""

import json

import pytest

from shopplatform.store.models import MenuItem
from shopplatform.store.payments import PAYMENT_METHOD_CHOICES

from .factories import MenuItemFactory, PaymentMethodFactory, PickupLocationFactory, StoreFactory

pytestmark = pytest.mark.django_db

# Every key of the merchant API's documented store object, top level and under `settings`.
SEED_KEYS = {
    "username", "name", "logo", "description", "notice", "facebook", "twitter", "instagram", "pinterest",
    "show_email", "enable_shipping_methods", "email", "phone", "cellphone", "address", "basecolor",
    "basecolor_contrast", "favicon", "latitude", "longitude", "currency", "footer_info", "page_title",
    "meta_description", "meta_tags", "secondarycolor", "secondarycolor_contrast", "settings", "url", "theme",
    "theme_origin", "navigation", "payments", "locations", "category_default_order", "categories_sorting",
    "brands_sorting", "products_per_page_home", "products_per_page_catalog", "categories_per_page",
    "brands_per_page", "domain", "is_ssl", "assets", "images_header", "featured_blocks", "dark_mode",
    "taxes_included",
}  # fmt: skip
SEED_SETTINGS = {
    "cart": {"users_registration", "field_company", "field_fiscal_id", "field_delivery_phone",
             "field_billing_phone", "page_terms", "page_privacy"},
    "order": {"status_cancel"},
    "category": {"default_order"},
    "categories": {"sorting", "per_page"},
    "abandoned": {"carts_automatic_notifications", "carts_client_notification", "carts_notification_type",
                  "carts_send_after", "carts_coupon", "carts_email_subject", "carts_email_lead"},
    "products": {"per_page_home", "per_page_catalog"},
    "brands": {"per_page", "sorting"},
    "wholesale": {"show_regular_price", "taxes_included", "client_signup", "checkbox_label", "show_exclusive_only"},
}  # fmt: skip


def test_anonymous_caller_reads_store_info(anonymous_client):
    """GET /store takes no parameters and answers 200."""
    StoreFactory(name="Parallax", currency="EUR")

    response = anonymous_client.get("/api/v1/store")

    assert response.status_code == 200
    assert response.json()["name"] == "Parallax"
    assert response.json()["currency"] == "EUR"


def test_store_path_accepts_a_trailing_slash(anonymous_client):
    response = anonymous_client.get("/api/v1/store/")

    assert response.status_code == 200


def test_store_renders_every_field_of_the_seed_example(anonymous_client):
    """All top-level fields and every `settings` group."""
    body = anonymous_client.get("/api/v1/store").json()

    assert set(body) >= SEED_KEYS
    assert {group: set(body["settings"][group]) for group in SEED_SETTINGS} == SEED_SETTINGS
    assert set(body["navigation"]) == {"primary", "secondary"}
    assert set(body["assets"]) == {"url", "images", "css", "plugins", "scripts"}


def test_store_body_is_valid_json_with_unique_keys(anonymous_client):
    """No trailing commas and no duplicated key (the documented example repeats basecolor_contrast)."""

    def refuse_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicated keys in {keys}"
        return dict(pairs)

    PaymentMethodFactory(method="custom", title="Custom")

    response = anonymous_client.get("/api/v1/store")

    json.loads(response.content, object_pairs_hook=refuse_duplicates)


def test_first_read_creates_the_default_settings(anonymous_client):
    body = anonymous_client.get("/api/v1/store").json()

    assert body["currency"] == "EUR"
    assert body["locale"] == "pt_PT"
    assert body["payments"] == {}
    assert body["enabled_payment_methods"] == []


def test_blank_optional_links_render_as_null(anonymous_client):
    """The store shows `logo`, social links and `phone` as url|null."""
    StoreFactory(logo="", pinterest="", phone="")

    body = anonymous_client.get("/api/v1/store").json()

    assert (body["logo"], body["pinterest"], body["phone"]) == (None, None, None)


def test_payments_are_keyed_by_method_with_their_extras(anonymous_client):
    """`payments`: paypal carries its e-mail, on_delivery its surcharge; others neither."""
    PaymentMethodFactory(method="paypal", gateway="paypal", paypal_email="pay@example.com", is_default=True)
    PaymentMethodFactory(method="on_delivery", surcharge_cents=250)
    PaymentMethodFactory(method="bank_transfer")

    payments = anonymous_client.get("/api/v1/store").json()["payments"]

    assert set(payments) == {"paypal", "on_delivery", "bank_transfer"}
    assert payments["paypal"]["email"] == "pay@example.com"
    assert payments["paypal"]["default"] is True
    assert payments["on_delivery"]["surcharge_cents"] == 250
    assert "email" not in payments["bank_transfer"]
    assert "surcharge_cents" not in payments["bank_transfer"]
    assert payments["bank_transfer"]["alias"] == "bank_transfer"


def test_enabled_payment_methods_lists_active_methods_in_position_order(anonymous_client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_configured"  # card is enabled only with Stripe configured
    PaymentMethodFactory(method="pick_up", position=2)
    PaymentMethodFactory(method="credit_card", gateway="stripe", position=1, is_default=True)
    PaymentMethodFactory(method="mbway", gateway="easypay", position=0, active=False)

    body = anonymous_client.get("/api/v1/store").json()

    assert body["enabled_payment_methods"] == ["credit_card", "pick_up"]


def test_navigation_splits_menus_and_resolves_urls(anonymous_client, settings):
    """`navigation`: menu_text/type/url/item and target_blank per entry (store page paths under the site address)."""
    settings.SITE_URL = "https://parallax.example.com/"
    store = StoreFactory()
    MenuItemFactory(store=store, menu="primary", text="Home", item="/", position=0)
    MenuItemFactory(store=store, menu="primary", text="About", item="about", position=1)
    MenuItemFactory(store=store, menu="secondary", text="Terms", item="terms", position=0)
    MenuItemFactory(store=store, menu="secondary", text="Blog", type=MenuItem.Type.URL, item="",
                    url="https://blog.example.com/", target_blank=True, position=1)  # fmt: skip

    navigation = anonymous_client.get("/api/v1/store").json()["navigation"]

    assert navigation["primary"] == [
        {"menu_text": "Home", "menu_type": "menu_page", "menu_url": "https://parallax.example.com",
         "menu_item": "/", "target_blank": False},
        {"menu_text": "About", "menu_type": "menu_page", "menu_url": "https://parallax.example.com/about",
         "menu_item": "about", "target_blank": False},
    ]  # fmt: skip
    assert [item["menu_url"] for item in navigation["secondary"]] == [
        "https://parallax.example.com/page/terms",
        "https://blog.example.com/",
    ]
    assert navigation["secondary"][1]["target_blank"] is True


def test_locations_expose_public_ids_and_alpha3_country(anonymous_client):
    location = PickupLocationFactory(country_code="prt")

    [rendered] = anonymous_client.get("/api/v1/store").json()["locations"]

    assert rendered["id"] == location.public_id
    assert rendered["id"].startswith("loc_")
    assert rendered["country_code"] == "PRT"


def test_cart_settings_render_page_references(anonymous_client):
    """`settings.cart.page_terms`: title, url and handle of the terms page."""
    StoreFactory(terms_page_title="Terms", terms_page_url="https://parallax.example.com/page/terms-and-conditions")

    cart = anonymous_client.get("/api/v1/store").json()["settings"]["cart"]

    assert cart["page_terms"] == {
        "id": None,
        "title": "Terms",
        "url": "https://parallax.example.com/page/terms-and-conditions",
        "handle": "terms-and-conditions",
    }
    assert cart["page_privacy"] is None


def test_key_with_any_scope_reads_the_store(make_client, customer_user):
    client = make_client(customer_user, scopes="wallet:read")

    response = client.get("/api/v1/store")

    assert response.status_code == 200


def test_store_is_read_only_over_the_api(staff_client):
    response = staff_client.patch("/api/v1/store", {"name": "Changed"}, format="json")

    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_store_read_takes_the_same_queries_with_many_related_rows(anonymous_client, django_assert_max_num_queries):
    store = StoreFactory()
    for index, (method, _label) in enumerate(PAYMENT_METHOD_CHOICES):
        PaymentMethodFactory(store=store, method=method, position=index, is_default=index == 0,
                             paypal_email="pay@example.com")  # fmt: skip
        MenuItemFactory(store=store, text=f"Item {index}", item=f"page-{index}")
        PickupLocationFactory(store=store, title=f"Shop {index}")

    with django_assert_max_num_queries(4):
        response = anonymous_client.get("/api/v1/store")

    assert len(response.json()["locations"]) == len(PAYMENT_METHOD_CHOICES)
