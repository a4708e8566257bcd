"""The job screens in the admin: Import and Export buttons, the preview page with its row errors, the confirm
button, the download, the self-refreshing progress page and the bulk status action on orders."""

import pytest
from django.urls import reverse

from catalog.models import Product
from orders.models import Order
from shopplatform.backoffice.jobs.models import Job
from tests.factories import OrderFactory, ProductFactory

from .conftest import csv_upload

pytestmark = pytest.mark.django_db

MUG = {"sku": "MUG", "title": "Mug", "price": "9.90", "stock_enabled": "yes", "stock_quantity": "12"}


@pytest.fixture
def merchant_browser(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    return client


def post(client, captured, url, data, *, follow=False):
    """POST, run the job its commit enqueues (as the worker would), then follow the redirect to the job page."""
    with captured(execute=True):
        response = client.post(url, data)
    return client.get(response["Location"]) if follow and response.status_code == 302 else response


def test_the_product_list_offers_import_and_export(merchant_browser):
    page = merchant_browser.get(reverse("admin:catalog_product_changelist")).content.decode()

    assert reverse("admin:catalog_product_import_file") in page
    assert reverse("admin:catalog_product_export_file") in page


def test_an_uploaded_file_is_previewed_with_its_row_errors_and_cannot_be_imported(
    merchant_browser, django_capture_on_commit_callbacks
):
    upload = csv_upload([MUG, {**MUG, "sku": "CUP", "price": "9.999"}])

    response = post(merchant_browser, django_capture_on_commit_callbacks, reverse(
        "admin:catalog_product_import_file"), {"file": upload}, follow=True)  # fmt: skip

    page = response.content.decode()
    assert "Row 3, price: EUR amounts take at most 2 decimal places." in page
    assert "Import these rows" not in page
    assert not Product.objects.exists()


def test_a_clean_preview_is_imported_by_its_button(merchant_browser, django_capture_on_commit_callbacks):
    response = post(merchant_browser, django_capture_on_commit_callbacks, reverse(
        "admin:catalog_product_import_file"), {"file": csv_upload([MUG])}, follow=True)  # fmt: skip
    assert "Import these rows" in response.content.decode()
    preview = Job.objects.get()

    response = post(merchant_browser, django_capture_on_commit_callbacks,
                    reverse("admin:backoffice_job_confirm", args=[preview.pk]), {}, follow=True)  # fmt: skip

    assert response.status_code == 200
    assert Product.objects.get().stock_quantity == 12
    assert Job.objects.get(kind=Job.Kind.IMPORT).counts["new"] == 1


def test_a_file_that_is_not_a_table_is_refused_on_the_form(merchant_browser):
    upload = csv_upload([MUG], name="products.pdf")

    response = merchant_browser.post(reverse("admin:catalog_product_import_file"), {"file": upload})

    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()
    assert not Job.objects.exists()


def test_an_export_is_downloaded_from_its_job_page(merchant_browser, django_capture_on_commit_callbacks):
    ProductFactory(sku="MUG", price_cents=990)

    response = post(merchant_browser, django_capture_on_commit_callbacks,
                    reverse("admin:catalog_product_export_file"), {"file_format": "csv"}, follow=True)  # fmt: skip
    job = Job.objects.get()
    download = merchant_browser.get(reverse("admin:backoffice_job_download", args=[job.pk]))

    assert reverse("admin:backoffice_job_download", args=[job.pk]) in response.content.decode()
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"MUG" in b"".join(download.streaming_content)


def test_a_running_job_page_refreshes_itself_and_a_finished_one_does_not(merchant_browser, admin_user):
    job = Job.objects.create(kind=Job.Kind.EXPORT, subject="products", file_format="csv", state="running",
                             total=200, done=50, created_by=admin_user)  # fmt: skip
    url = reverse("admin:backoffice_job_change", args=[job.pk])

    running = merchant_browser.get(url).content.decode()
    Job.objects.filter(pk=job.pk).update(state="done", done=200)
    finished = merchant_browser.get(url).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in running and 'value="25"' in running
    assert "http-equiv" not in finished


def test_staff_see_only_their_own_jobs(client, admin_user, django_user_model):
    job = Job.objects.create(kind=Job.Kind.EXPORT, subject="customers", file_format="csv", created_by=admin_user)
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    clerk.user_permissions.add(*__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects
                               .filter(codename="view_job"))  # fmt: skip
    client.force_login(clerk)

    assert client.get(reverse("admin:backoffice_job_change", args=[job.pk])).status_code == 404
    assert client.get(reverse("admin:backoffice_job_download", args=[job.pk])).status_code == 404


def test_the_order_list_changes_the_status_of_selected_orders_in_the_background(
    merchant_browser, django_capture_on_commit_callbacks
):
    orders = OrderFactory.create_batch(2, status="processing")
    url = reverse("admin:orders_order_changelist")
    selection = {"action": "change_status_in_background", "_selected_action": [order.pk for order in orders]}

    form = merchant_browser.post(url, {**selection, "index": "0", "select_across": "0"})
    assert form.status_code == 200 and "New status" in form.content.decode()
    response = post(merchant_browser, django_capture_on_commit_callbacks, url,
                    {**selection, "index": "0", "select_across": "0", "status": "sent"})  # fmt: skip

    job = Job.objects.get()
    assert response["Location"] == reverse("admin:backoffice_job_change", args=[job.pk])
    assert set(Order.objects.values_list("status", flat=True)) == {"sent"}
