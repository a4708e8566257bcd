"""Invoices and packing slips: issued once, numbered in sequence (also under parallel issuing on PostgreSQL),
stored, the same bytes downloaded again; what each document says; the admin's buttons."""

import pytest
from django.urls import reverse

from orders.documents import invoice_content, packing_slip_content
from orders.exceptions import InvoiceNotAllowed
from orders.models import Invoice, Order
from orders.services import invoice_pdf, issue_invoice, mark_order_paid, packing_slip_pdf
from tests.factories import OrderLineFactory
from tests.threads import run_in_threads
from webhooks.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(place_order, invoice_storage):
    order = place_order("bank_transfer", quantity=2)
    return mark_order_paid(order=order)


def test_first_invoice_is_number_one_and_recorded_on_the_order(paid_order):
    invoice = issue_invoice(order=paid_order)

    paid_order.refresh_from_db()
    assert (invoice.number, paid_order.invoice_number) == (1, "1")
    assert Event.objects.filter(type="order.invoice").count() == 1


def test_invoices_are_numbered_in_sequence(paid_order, place_order):
    second = mark_order_paid(order=place_order("bank_transfer"))

    numbers = [issue_invoice(order=paid_order).number, issue_invoice(order=second).number]

    assert numbers == [1, 2]


def test_issuing_again_returns_the_same_stored_file(paid_order, invoice_storage):
    first = issue_invoice(order=paid_order)
    stored = invoice_pdf(first)
    paid_order.client = {**paid_order.client, "name": "Someone Else"}
    paid_order.save()

    again = issue_invoice(order=paid_order)

    assert again.pk == first.pk and Invoice.objects.count() == 1
    assert invoice_pdf(again) == stored
    assert (invoice_storage / first.file).read_bytes() == stored


def test_invoice_pdf_names_its_number_lines_and_total(paid_order):
    invoice = issue_invoice(order=paid_order)

    pdf = invoice_pdf(invoice)

    line = paid_order.lines.get()
    assert pdf.startswith(b"%PDF")
    assert b"(Invoice 1)" in pdf
    assert f"({line.title}".encode() in pdf
    assert f"#{paid_order.number}".encode() in pdf


def test_invoice_content_has_the_buyer_the_lines_and_formatted_totals(paid_order):
    content = invoice_content(paid_order, number=7, issued_on=paid_order.created_at.date())

    line = paid_order.lines.get()
    assert content.reference == "Invoice 7"
    assert content.blocks[0][1][-2:] == ["1100-048 Lisboa", "Portugal"]
    assert content.rows == [[line.title, line.sku, "2", "10,00\xa0€", "23 %", "20,00\xa0€"]]
    assert content.totals[-1][0] == "Total" and content.totals[-1][1].endswith("€")


def test_unpaid_order_gets_no_invoice(place_order, invoice_storage):
    order = place_order("bank_transfer")

    with pytest.raises(InvoiceNotAllowed, match="not paid yet"):
        issue_invoice(order=order)

    assert not Invoice.objects.exists()


def test_packing_slip_lists_skus_quantities_and_the_address(paid_order):
    paid_order.lines.update(sku="TEA-1")
    paid_order.refresh_from_db()

    content = packing_slip_content(paid_order, issued_on=paid_order.created_at.date())
    pdf = packing_slip_pdf(paid_order)

    assert content.rows[0][1:] == ["TEA-1", "", "2"]
    assert "Rua Augusta 1" in content.blocks[0][1]
    assert pdf.startswith(b"%PDF") and b"(TEA-1)" in pdf and b"Rua Augusta 1" in pdf
    assert b"10,00" not in pdf  # no prices in the parcel


def test_admin_issues_then_downloads_the_same_invoice(client, admin_user, paid_order):
    client.force_login(admin_user)
    url = reverse("admin:orders_order_invoice", args=[paid_order.pk])

    client.post(url)
    first = client.get(url)
    client.post(url)
    second = client.get(url)

    assert first["Content-Type"] == "application/pdf"
    assert first.content == second.content and Invoice.objects.count() == 1
    assert 'filename="invoice-1.pdf"' in first["Content-Disposition"]


def test_admin_packing_slip_download(client, admin_user, paid_order):
    client.force_login(admin_user)

    response = client.get(reverse("admin:orders_order_packing_slip", args=[paid_order.pk]))

    assert (response.status_code, response.content[:4]) == (200, b"%PDF")


def test_admin_invoice_of_unpaid_order_is_refused_in_words(client, admin_user, place_order, invoice_storage):
    client.force_login(admin_user)
    order = place_order("bank_transfer")

    response = client.post(reverse("admin:orders_order_invoice", args=[order.pk]), follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert messages == [f"Order #{order.number} is not paid yet: an invoice is issued once it is paid."]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_issuing_numbers_each_invoice_once_without_gaps(invoice_storage):
    orders = [OrderLineFactory().order for _ in range(8)]

    errors = run_in_threads(lambda order: issue_invoice(order=order), [*orders, *orders])

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 9))
    assert sorted(Order.objects.values_list("invoice_number", flat=True)) == sorted(str(n) for n in numbers)
