"""The admin edits the seed 003 extras through the product services: tabs are sanitised, a bad custom field is a
form error, the file is picked from the media library."""

import pytest

from catalog.models import Product
from tests.media_library.factories import MediaFactory

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    return client


def form_values(form) -> dict:
    """What a browser posts for an unchanged form: each field's rendered value (unchecked boxes absent)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        if isinstance(value, list | tuple):
            value = [str(item) for item in value]
        data[bound.html_name] = value
    return data


def change_page_data(response) -> dict:
    """The POST data of the admin change page as rendered: the product form and every inline formset."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data


def test_extras_saved_in_the_admin_go_through_the_services(admin_client):
    product = ProductFactory()
    manual = MediaFactory(kind="file", mime_type="application/pdf", original_name="manual.pdf")
    url = f"/admin/catalog/product/{product.pk}/change/"
    data = change_page_data(admin_client.get(url))
    data.update(
        custom_fields="Material: Stoneware\n\nGlaze: Matte, food safe",
        tabs="## Care\n<p>Hand wash</p><script>x()</script>\n## Delivery\n<p>In 3 days</p>",
        file=str(manual.pk),
        file_access="buyers",
        reduced_rate="reduced",
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    product = Product.objects.get(pk=product.pk)
    assert product.custom_fields == [
        {"name": "Material", "value": "Stoneware"},
        {"name": "Glaze", "value": "Matte, food safe"},
    ]
    assert product.tabs == [
        {"title": "Care", "content": "<p>Hand wash</p>"},
        {"title": "Delivery", "content": "<p>In 3 days</p>"},
    ]
    assert (product.file, product.file_access, product.reduced_rate, product.tax_rate_bp) == (
        manual,
        "buyers",
        "reduced",
        600,
    )


@pytest.mark.parametrize(
    ("field", "typed", "error"),
    [
        ("custom_fields", ": Stoneware", "Line 1: write the name, a colon, then the value."),
        ("custom_fields", "Material", "Line 1: write the name, a colon, then the value."),
        ("tabs", "<p>No title</p>", 'Line 1: start the first tab with a line "## Title".'),
    ],
)
def test_custom_fields_and_tabs_typed_wrong_are_form_errors(admin_client, field, typed, error):
    product = ProductFactory()
    url = f"/admin/catalog/product/{product.pk}/change/"
    data = change_page_data(admin_client.get(url))
    data[field] = typed

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert error.replace('"', "&quot;") in response.content.decode()
    assert Product.objects.get(pk=product.pk).custom_fields == []
