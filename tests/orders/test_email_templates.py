"""Merchant-editable e-mails: an override replaces the default wording, unknown placeholders are refused at save,
the admin previews any kind and sends a test; without an override the file templates are used."""

import pytest
from django.core import mail
from django.urls import reverse

from orders.mail.overrides import save_email_template
from orders.models import EmailTemplate
from orders.services import check_out_cart
from shopplatform.errors import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(store, make_cart, product, courier, committed):
    """Place a bank-transfer order of 2 x product with its e-mails sent; return the order."""
    store.name = "Casa Azul"
    store.save()

    def placed():
        cart = make_cart(None, [(product, 2)], shipping_method=courier.public_id)
        order, _ = committed(check_out_cart, cart=cart, payment_method="bank_transfer")
        return order

    return placed


@pytest.fixture
def merchant_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123")
    client.force_login(user)
    return client


def confirmation(order):
    return next(message for message in mail.outbox if message.to == [order.email])


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_the_merchant_wording_replaces_the_default_confirmation(place):
    save_email_template(
        kind="order_confirmation",
        subject="Obrigado! Order {{ order.number }} at {{ store.name }}",
        body="Hello,\n\nwe got order {{ order.number }} for {{ order.total }}.\n\n{{ order.summary }}\n\nSee it: {{ order.url }}",
    )

    order = place()

    message = confirmation(order)
    assert message.subject == f"Obrigado! Order {order.number} at Casa Azul"
    assert f"we got order {order.number} for 25,00" in message.body.replace("\xa0", " ")
    assert "Total: 25,00" in message.body.replace("\xa0", " ")  # the lines-and-totals block
    assert "/order/view/" in message.body
    html = html_of(message)
    assert "<p>Hello,</p>" in html and '<a href="http' in html and "Casa Azul" in html


def test_without_an_override_the_default_templates_are_used(place):
    order = place()

    assert confirmation(order).subject == f"Order #{order.number} confirmed — Casa Azul"


def test_merchant_text_is_escaped_in_the_html_part(place):
    save_email_template(kind="order_confirmation", subject="Hi", body="<script>alert(1)</script> {{ order.number }}")

    order = place()

    html = html_of(confirmation(order))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_unknown_placeholder_is_refused_by_the_service():
    with pytest.raises(InvalidInput) as refusal:
        save_email_template(kind="order_shipped", subject="Sent", body="Hi {{ order.customer.password }}")

    assert refusal.value.param == "body"
    assert "{{ order.customer.password }}" in refusal.value.detail
    assert EmailTemplate.objects.count() == 0


def test_template_tags_are_refused():
    with pytest.raises(InvalidInput):
        save_email_template(kind="order_shipped", subject="Sent", body="{% debug %}")


def test_a_placeholder_of_another_kind_is_refused():
    with pytest.raises(InvalidInput):
        save_email_template(kind="wallet_credited", subject="Credit", body="Order {{ order.number }}")


def test_the_admin_shows_an_unknown_placeholder_as_a_form_error(merchant_client):
    response = merchant_client.post(
        reverse("admin:orders_emailtemplate_add"),
        {"kind": "order_shipped", "subject": "Sent {{ order.numbr }}", "body": "On its way."},
    )

    assert response.status_code == 200
    assert "Unknown placeholder {{ order.numbr }}" in response.content.decode()
    assert EmailTemplate.objects.count() == 0


def test_the_admin_saves_a_valid_template(merchant_client):
    response = merchant_client.post(
        reverse("admin:orders_emailtemplate_add"),
        {
            "kind": "order_shipped",
            "subject": "Order {{ order.number }} is on its way",
            "body": "Track: {{ order.tracking_url }}",
        },
    )

    assert response.status_code == 302
    assert EmailTemplate.objects.get().subject == "Order {{ order.number }} is on its way"


def test_the_preview_renders_the_override_for_the_latest_order(place, merchant_client):
    order = place()
    save_email_template(kind="order_shipped", subject="Order {{ order.number }} is on its way", body="Soon!")

    response = merchant_client.get(reverse("admin:orders_emailtemplate_preview", args=["order_shipped"]))

    assert response.status_code == 200
    assert f"Order {order.number} is on its way" in response.content.decode()


def test_the_preview_of_a_default_needs_an_order_and_says_so(store, merchant_client):
    response = merchant_client.get(reverse("admin:orders_emailtemplate_preview", args=["order_shipped"]))

    assert response.status_code == 200
    assert 'id="preview-refusal"' in response.content.decode()


def test_the_preview_of_an_override_without_orders_uses_sample_values(store, merchant_client):
    save_email_template(kind="order_shipped", subject="Order {{ order.number }} sent", body="{{ order.summary }}")

    response = merchant_client.get(reverse("admin:orders_emailtemplate_preview", args=["order_shipped"]))

    assert "Order 1042 sent" in response.content.decode()


def test_send_me_a_test_e_mails_the_staff_member(place, merchant_client):
    place()
    mail.outbox.clear()

    response = merchant_client.post(reverse("admin:orders_emailtemplate_send", args=["order_confirmation"]))

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["boss@example.com"]
    assert message.subject.startswith("[Test] Order #")


def test_every_kind_previews_without_error_once_an_order_exists(place, merchant_client):
    place()

    for kind, _label in EmailTemplate._meta.get_field("kind").choices:
        response = merchant_client.get(reverse("admin:orders_emailtemplate_preview", args=[kind]))
        assert response.status_code == 200, kind
        assert 'id="preview-subject"' in response.content.decode(), kind


def test_the_edit_page_lists_the_placeholders_of_its_kind(merchant_client):
    template = save_email_template(kind="order_refunded", subject="Refund", body="{{ refund.amount }}")

    page = merchant_client.get(reverse("admin:orders_emailtemplate_change", args=[template.pk])).content.decode()

    assert "{{ refund.amount }}" in page and "{{ wallet.amount }}" not in page


def test_the_list_links_a_preview_of_every_kind(merchant_client):
    page = merchant_client.get(reverse("admin:orders_emailtemplate_changelist")).content.decode()

    assert reverse("admin:orders_emailtemplate_preview", args=["back_in_stock"]) in page
    assert reverse("admin:orders_emailtemplate_preview", args=["order_confirmation"]) in page


def test_deleting_the_template_goes_back_to_the_default(place, merchant_client):
    template = save_email_template(kind="order_confirmation", subject="Custom", body="Custom body")

    merchant_client.post(reverse("admin:orders_emailtemplate_delete", args=[template.pk]), {"post": "yes"})
    order = place()

    assert confirmation(order).subject == f"Order #{order.number} confirmed — Casa Azul"
