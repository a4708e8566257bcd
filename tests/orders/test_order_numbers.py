"""Order numbers: short, sequential, unique under concurrency, in the API (`number`, `?number=`) and the admin.

PostgreSQL takes them from a sequence (no lock; a refused checkout leaves a gap), other databases from the counter
row (a rolled-back checkout gives its number back).
"""

import pytest
from django.conf import settings
from django.db import connection

from orders.models import Order
from orders.services import check_out_cart
from orders.services.numbering import ORDER_NUMBER_SEQUENCE, allocate_order_number, find_order_by_number
from shopplatform.errors import ShopError

from .factories import OrderFactory, ProductFactory
from .test_concurrency import THREADS, carts_for, run_in_parallel

pytestmark = pytest.mark.django_db


def test_checkouts_get_consecutive_numbers(make_cart, product, courier):
    first, _ = check_out_cart(
        cart=make_cart(None, [(product, 1)], shipping_method=courier.public_id), payment_method="bank_transfer"
    )
    second, _ = check_out_cart(
        cart=make_cart(None, [(product, 1)], shipping_method=courier.public_id), payment_method="bank_transfer"
    )

    assert second.number == first.number + 1
    assert first.display_number == f"#{first.number}"


@pytest.mark.skipif(settings.IS_POSTGRES, reason="the sequence is not rolled back between tests: see the next test")
def test_numbering_starts_at_1001_in_a_new_store(db):
    assert allocate_order_number() == 1001


@pytest.mark.postgres
def test_numbering_sequence_of_a_new_store_starts_at_1001(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT start_value FROM pg_sequences WHERE sequencename = %s", [ORDER_NUMBER_SEQUENCE])
        start = cursor.fetchone()[0]

    assert start == 1001


@pytest.mark.postgres
def test_a_checkout_refused_after_taking_its_number_leaves_a_gap(make_cart, courier, product, buyer):
    first, _ = check_out_cart(
        cart=make_cart(None, [(product, 1)], shipping_method=courier.public_id), payment_method="bank_transfer"
    )
    unfunded = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    with pytest.raises(ShopError):  # the wallet is debited after the order is written
        check_out_cart(cart=unfunded, payment_method="wallet")
    second, _ = check_out_cart(
        cart=make_cart(None, [(product, 1)], shipping_method=courier.public_id), payment_method="bank_transfer"
    )

    assert second.number == first.number + 2


def test_numbers_of_deleted_orders_are_not_reused(db):
    order = OrderFactory(status="canceled")
    number = order.number
    order.delete()

    assert allocate_order_number() == number + 1


def test_api_renders_the_number_and_filters_by_it_with_or_without_hash(staff_client, db):
    wanted, _other = OrderFactory(), OrderFactory()

    plain = staff_client.get(f"/api/v1/orders?number={wanted.number}").json()
    hashed = staff_client.get("/api/v1/orders", {"number": f"#{wanted.number}"}).json()

    assert [row["number"] for row in plain["data"]] == [wanted.number]
    assert [row["id"] for row in hashed["data"]] == [wanted.public_id]


def test_api_number_filter_with_letters_finds_nothing(staff_client, db):
    OrderFactory()

    response = staff_client.get("/api/v1/orders?number=abc")

    assert response.status_code == 200
    assert response.json()["data"] == []


def test_admin_search_finds_an_order_by_number(admin_client, db):
    wanted, other = OrderFactory(), OrderFactory()

    page = admin_client.get("/admin/orders/order/", {"q": str(wanted.number)}).content.decode()

    assert f">#{wanted.number}</a>" in page and f">#{other.number}</a>" not in page


def test_find_order_by_number_needs_the_matching_e_mail(db):
    order = OrderFactory(email="ana@example.test")

    assert find_order_by_number(number=f"#{order.number}", email="ANA@example.test") == order
    assert find_order_by_number(number=order.number, email="someone@example.test") is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_checkouts_get_distinct_consecutive_numbers(store):
    product = ProductFactory(stock_enabled=True, stock_quantity=100)
    carts = carts_for(product, THREADS)

    outcomes = run_in_parallel(lambda cart: check_out_cart(cart=cart, payment_method="bank_transfer"), carts)

    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert outcomes == ["ok"] * THREADS
    assert numbers == list(range(numbers[0], numbers[0] + THREADS))
