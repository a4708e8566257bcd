"""Back-in-stock alerts: sign-up on the page and through the API, one e-mail when stock returns, the way out."""

import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from catalog.services import StockLine, release_stock, update_product, update_variant
from orders.back_in_stock import subscribe_to_stock, unsubscribe_token
from orders.models import Notification, StockAlert

from .factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold_out(store):
    return ProductFactory(title="Ceramic Vase", slug="ceramic-vase", stock_enabled=True, stock_quantity=0)


@pytest.fixture
def sizes(store):
    """A product with two sold-out variants."""
    product = ProductFactory(title="Linen Shirt", slug="linen-shirt", stock_enabled=True, stock_quantity=0)
    small = VariantFactory(product=product, option_1__title="S", stock_quantity=0)
    large = VariantFactory(product=product, option_1__title="L", stock_quantity=0)
    return product, small, large


def back_in_stock_mail():
    return [message for message in mail.outbox if "back in stock" in message.subject]


def test_restock_from_zero_sends_one_e_mail_naming_the_product(sold_out, committed):
    subscribe_to_stock(product=sold_out, email="Ana@Example.com")

    committed(update_product, product=sold_out, stock_quantity=5)

    (message,) = back_in_stock_mail()
    assert message.to == ["ana@example.com"]
    assert message.subject.startswith("Ceramic Vase is back in stock")
    assert "/product/ceramic-vase" in message.body
    assert "/stock-alerts/unsubscribe/" in message.body
    assert StockAlert.objects.get().notified_at is not None


def test_more_stock_after_the_return_sends_nothing_more(sold_out, committed):
    subscribe_to_stock(product=sold_out, email="ana@example.com")
    committed(update_product, product=sold_out, stock_quantity=5)

    committed(update_product, product=sold_out, stock_quantity=6)

    assert len(back_in_stock_mail()) == 1
    assert Notification.objects.filter(kind="back_in_stock").count() == 1


def test_another_variant_returning_does_not_e_mail_the_subscriber(sizes, committed):
    product, small, large = sizes
    subscribe_to_stock(product=product, variant=small, email="ana@example.com")

    committed(update_variant, variant=large, stock_quantity=3)

    assert back_in_stock_mail() == []
    assert StockAlert.objects.get().notified_at is None


def test_the_subscribed_variant_returning_e_mails_with_its_option(sizes, committed):
    product, small, _large = sizes
    subscribe_to_stock(product=product, variant=small, email="ana@example.com")

    committed(update_variant, variant=small, stock_quantity=2)

    (message,) = back_in_stock_mail()
    assert "Linen Shirt (S)" in message.subject
    assert f"?variant={small.public_id}" in message.body


def test_a_canceled_order_giving_stock_back_sends_the_e_mail(sold_out, committed):
    subscribe_to_stock(product=sold_out, email="ana@example.com")

    committed(release_stock, items=[StockLine(sold_out, 2)])

    assert len(back_in_stock_mail()) == 1


def test_a_rolled_back_restock_sends_nothing(sold_out, committed):
    subscribe_to_stock(product=sold_out, email="ana@example.com")

    def restock_then_fail():
        with transaction.atomic():
            update_product(product=sold_out, stock_quantity=5)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        committed(restock_then_fail)

    assert back_in_stock_mail() == []
    assert StockAlert.objects.get().notified_at is None


def test_signing_up_twice_keeps_one_alert(sold_out):
    first, created = subscribe_to_stock(product=sold_out, email="ana@example.com")
    again, created_again = subscribe_to_stock(product=sold_out, email=" ANA@example.com ")

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk


def test_signing_up_for_an_item_in_stock_is_refused_through_the_api(store, anonymous_client):
    product = ProductFactory(stock_enabled=True, stock_quantity=4)

    response = anonymous_client.post(
        f"/api/v1/products/{product.public_id}/stock-alerts", {"email": "ana@example.com"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "product_in_stock"


def test_api_sign_up_is_open_to_anonymous_callers(sizes, anonymous_client):
    product, small, _ = sizes

    response = anonymous_client.post(
        f"/api/v1/products/{product.public_id}/stock-alerts",
        {"email": "ana@example.com", "variant_id": small.public_id},
        format="json",
    )
    repeat = anonymous_client.post(
        f"/api/v1/products/{product.public_id}/stock-alerts",
        {"email": "ana@example.com", "variant_id": small.public_id},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["variant_id"] == small.public_id
    assert response.json()["id"].startswith("alrt_")
    assert repeat.status_code == 200 and repeat.json()["id"] == response.json()["id"]


def test_api_refuses_unknown_fields(sold_out, anonymous_client):
    response = anonymous_client.post(
        f"/api/v1/products/{sold_out.public_id}/stock-alerts", {"mail": "ana@example.com"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_field"


def test_api_sign_up_of_a_customer_key_defaults_to_the_customer_address(sold_out, customer_client):
    response = customer_client.post(f"/api/v1/products/{sold_out.public_id}/stock-alerts", {}, format="json")

    assert response.status_code == 201
    assert response.json()["email"] == "buyer@example.com"


def test_anonymous_sign_ups_are_rate_limited(sold_out, anonymous_client, settings):
    settings.API_ANONYMOUS_RATE_LIMIT = 2
    url = f"/api/v1/products/{sold_out.public_id}/stock-alerts"

    codes = [
        anonymous_client.post(url, {"email": f"buyer{n}@example.com"}, format="json").status_code for n in range(3)
    ]

    assert codes == [201, 201, 429]


def test_the_openapi_document_shows_the_endpoint_with_an_example(staff_client):
    document = staff_client.get("/api/openapi.json").json()

    operation = document["paths"]["/api/v1/products/{product_id}/stock-alerts/"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    assert any(example["value"].get("email") for example in examples.values())


def test_the_product_page_offers_the_form_prefilled_for_a_signed_in_buyer(sold_out, client, customer_user):
    client.force_login(customer_user)

    page = client.get(reverse("catalog:product", args=[sold_out.slug])).content.decode()

    assert 'id="stock-alert"' in page
    assert 'value="buyer@example.com"' in page


def test_the_product_page_confirms_the_sign_up(sold_out, client):
    response = client.post(
        reverse("orders:stock-alert", args=[sold_out.slug]), {"email": "ana@example.com"}, follow=True
    )

    assert "We&#x27;ll e-mail ana@example.com once" in response.content.decode()
    assert StockAlert.objects.get().email == "ana@example.com"


def test_the_unsubscribe_link_cancels_waiting_alerts(sold_out, client, committed):
    subscribe_to_stock(product=sold_out, email="ana@example.com")
    url = reverse("orders:stock-alerts-unsubscribe", args=[unsubscribe_token("ana@example.com")])

    confirm = client.get(url)
    done = client.post(url)
    committed(update_product, product=sold_out, stock_quantity=5)

    assert confirm.status_code == 200 and 'id="unsubscribe-button"' in confirm.content.decode()
    assert done.status_code == 200 and "ana@example.com" in done.content.decode()
    assert StockAlert.objects.count() == 0
    assert back_in_stock_mail() == []


def test_the_e_mailed_unsubscribe_link_works(sold_out, client, committed):
    other = ProductFactory(stock_enabled=True, stock_quantity=0)
    subscribe_to_stock(product=sold_out, email="ana@example.com")
    subscribe_to_stock(product=other, email="ana@example.com")
    committed(update_product, product=sold_out, stock_quantity=5)
    (message,) = back_in_stock_mail()
    link = re.search(r"https?://\S+/stock-alerts/unsubscribe/\S+", message.body).group(0)

    client.post(link)

    assert StockAlert.objects.filter(notified_at__isnull=True).count() == 0


def test_a_forged_unsubscribe_token_is_refused(client):
    response = client.get(reverse("orders:stock-alerts-unsubscribe", args=["ana@example.com:forged"]))

    assert response.status_code == 404


def test_a_variant_page_lists_only_the_sold_out_options_in_the_form(sizes, client):
    product, small, large = sizes
    update_variant(variant=large, stock_quantity=4)

    page = client.get(reverse("catalog:product", args=[product.slug])).content.decode()
    form = page[page.index('id="stock-alert"') :]

    assert f'value="{small.public_id}"' in form
    assert f'value="{large.public_id}"' not in form[: form.index("</form>")]


def test_an_orderable_product_page_has_no_alert_form(store, client):
    product = ProductFactory(stock_enabled=True, stock_quantity=3)

    page = client.get(reverse("catalog:product", args=[product.slug])).content.decode()

    assert 'id="stock-alert"' not in page
