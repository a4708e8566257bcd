"""Customers (keyed by e-mail) and coupons (keyed by code) imported through their services."""

import datetime

import pytest

from orders.models import Coupon
from shopplatform.accounts.models import Customer
from shopplatform.backoffice.jobs import services
from tests.factories import CategoryFactory, CouponFactory, CustomerFactory
from webhooks.models import Event

from .conftest import csv_upload

pytestmark = pytest.mark.django_db

ANA = {"email": "Ana@Example.com", "name": "Ana Lima", "phone": "", "company": "", "fiscal_id": "", "newsletter": "yes",
       "wholesale": "no", "delivery_address": "Rua A 1", "delivery_address_extra": "", "delivery_city": "Porto",
       "delivery_zip_code": "4000-001", "delivery_region": "", "delivery_country_code": "prt"}  # fmt: skip
COUPONS = [
    {"code": "SPRING10", "type": "percent", "value": "10", "applies_to": "all_orders", "orders_over": "",
     "category": "", "product": "", "limit": "0", "date_from": "2026-03-01", "date_to": "", "active": "yes"},
    {"code": "FIVE", "type": "money", "value": "5.00", "applies_to": "orders_over", "orders_over": "40.00",
     "category": "", "product": "", "limit": "100", "date_from": "", "date_to": "", "active": "yes"},
]  # fmt: skip


def test_customer_import_creates_the_customer_with_the_delivery_address(preview_and_import):
    _preview, applied = preview_and_import("customers", [ANA])

    customer = Customer.objects.get()
    assert applied.counts["new"] == 1
    assert (customer.email, customer.name, customer.newsletter) == ("ana@example.com", "Ana Lima", True)
    address = customer.addresses.get()
    assert (address.city, address.country_code, address.is_default) == ("Porto", "PRT", True)
    assert {event.type for event in Event.objects.all()} == {"customer.created", "newsletter.subscribed"}


def test_customer_import_twice_changes_nothing(preview_and_import):
    preview_and_import("customers", [ANA])
    events = Event.objects.count()

    preview, applied = preview_and_import("customers", [{**ANA, "email": "ana@example.com"}])

    assert preview.counts["unchanged"] == applied.counts["unchanged"] == 1
    assert Event.objects.count() == events and Customer.objects.count() == 1


def test_customer_import_updates_a_customer_matched_on_email_any_case(preview_and_import):
    existing = CustomerFactory(email="ana@example.com", name="Ana")

    preview, _applied = preview_and_import("customers", [{"email": "ANA@example.com", "name": "Ana Lima"}])

    assert preview.preview[0]["changes"] == ["name"]
    existing.refresh_from_db()
    assert existing.name == "Ana Lima" and Customer.objects.count() == 1


def test_customer_rows_with_a_bad_country_or_a_repeated_email_are_refused(run_jobs):
    rows = [{**ANA, "delivery_country_code": "XX"}, {**ANA, "delivery_country_code": "PRT"}]

    preview = run_jobs(services.start_import_preview, subject="customers", upload=csv_upload(rows))

    assert preview.errors == [{"row": 3, "column": "email", "message": "email ana@example.com appears again (first on "
                                                                       "row 2)."}]  # fmt: skip
    rows = [{**ANA, "delivery_country_code": "XX"}]
    preview = run_jobs(services.start_import_preview, subject="customers", upload=csv_upload(rows))
    assert preview.errors == [{"row": 2, "column": "delivery_country_code",
                               "message": "'XX' is not an ISO 3166-1 alpha-3 country code."}]  # fmt: skip
    assert not Customer.objects.exists()


def test_coupon_import_reads_money_in_currency_units(preview_and_import):
    preview_and_import("coupons", COUPONS)

    five = Coupon.objects.get(code="FIVE")
    assert (five.value, five.orders_over_cents, five.limit) == (500, 4000, 100)
    assert Coupon.objects.get(code="SPRING10").date_from == datetime.date(2026, 3, 1)


def test_coupon_import_twice_changes_nothing_and_matches_codes_in_any_case(preview_and_import):
    CouponFactory(code="spring10", type="percent", value=15)
    preview_and_import("coupons", COUPONS)

    preview, _applied = preview_and_import("coupons", COUPONS)

    assert preview.counts == {"new": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert Coupon.objects.count() == 2 and Coupon.objects.get(code="SPRING10").value == 10


def test_coupon_service_refusals_name_the_column(run_jobs):
    category = CategoryFactory(slug="mugs")
    rows = [{**COUPONS[0], "type": "percent", "value": "150"}, {**COUPONS[1], "code": "CAT", "applies_to": "category",
                                                                 "category": category.slug}]  # fmt: skip

    preview = run_jobs(services.start_import_preview, subject="coupons", upload=csv_upload(rows))

    assert preview.errors == [{"row": 2, "column": "value",
                               "message": "A percent coupon's value is a whole percent from 1 to 100."}]  # fmt: skip
    assert preview.counts["new"] == 1 and not Coupon.objects.exists()
