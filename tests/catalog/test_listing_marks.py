"""Marks into the anonymous list's orderings (catalog.documents.marks): a deep page read from the mark before it.

A page read through marks must be the page OFFSET gives, in every offered ordering, ties included, after every
kind of write that moves rows or changes which rows are listed: the marks carry the listing's epoch, and a page
whose epoch differs is read again the plain way. STRIDE is made small here so a few hundred products have many
marks.
"""

import datetime
import re
import threading

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.documents import marks
from catalog.documents.read import PlainPage, _plain
from catalog.models import ListingChange, Product

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
ORDERINGS = [None, "position", "-position", "price", "-price", "title", "-title", "created_at", "-created_at"]
ORDERINGS += ["updated_at", "-updated_at"]
STRIDE = 8
KEY = "test-context"


@pytest.fixture(autouse=True)
def small_stride(monkeypatch):
    monkeypatch.setattr(marks, "STRIDE", STRIDE)
    monkeypatch.setattr(marks, "REMAKE_SECONDS", 0)  # marks found stale are made again at once
    marks.forget()
    yield
    marks.forget()


def make_products(count: int, *, start: int = 0) -> list[Product]:
    """Products with many equal sort keys (five prices, three positions, titles in pairs, one creation time in
    four), so ties are broken by the key across marks."""
    moment = timezone.now()
    products = Product.objects.bulk_create(
        Product(
            title=f"Item {(start + number) // 2:04d}",
            slug=f"item-{start + number}",
            price_cents=100 * ((start + number) % 5),
            position=(start + number) % 3,
            status="active",
        )
        for number in range(count)
    )
    for number, product in enumerate(products):
        if number % 4:
            Product.objects.filter(pk=product.pk).update(created_at=moment - datetime.timedelta(days=number))
    return products


def exact(ordering: str | None, start: int, size: int) -> list[int]:
    return list(_plain(ordering).values_list("pk", flat=True)[start : start + size])


def read(ordering: str | None, start: int, size: int) -> list[int]:
    return PlainPage(ordering, KEY)[start : start + size]


def marked_statements(queries) -> list[dict]:
    return [query for query in queries if "catalog_listingchange" in query["sql"] and "OFFSET" in query["sql"]]


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_every_page_read_through_marks_is_the_offset_page(ordering):
    make_products(120)
    starts = [8, 9, 15, 16, 17, 40, 63, 64, 100, 113, 119, 120, 130]
    with CaptureQueriesContext(connection) as queries:
        pages = {start: read(ordering, start, 5) for start in starts}
    assert pages == {start: exact(ordering, start, 5) for start in starts}
    assert pages[119] == exact(ordering, 119, 1) and pages[130] == []
    marked = marked_statements(queries.captured_queries)
    assert len(marked) >= len(starts) - 2  # past the end, the plain way answers
    assert all(int(re.findall(r"OFFSET (\d+)", query["sql"])[-1]) < STRIDE for query in marked)


def test_the_api_pages_through_marks_as_through_offsets(anonymous_client):
    make_products(60)
    for ordering in ("-price", "position", "title"):
        listed = []
        for page in range(1, 14):
            response = anonymous_client.get(f"/api/v1/products?limit=5&page={page}&ordering={ordering}")
            assert response.status_code == 200
            listed += [item["id"] for item in response.json()["data"]]
        assert listed == list(_plain(ordering).values_list("public_id", flat=True))


def _insert():
    make_products(3, start=900)


def _delete():
    Product.objects.filter(pk__in=list(_plain("price").values_list("pk", flat=True)[:3])).delete()


def _price_saved():
    product = Product.objects.get(pk=exact("price", 70, 1)[0])
    product.price_cents = 0
    product.save()


def _prices_updated():
    Product.objects.filter(price_cents=300).update(price_cents=50)


def _raw_sql():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_product SET title = 'Aaa' || title WHERE price_cents = 400")


def _hidden():
    Product.objects.filter(pk__in=exact("price", 0, 10)).update(status="draft")


def _wholesale():
    Product.objects.filter(pk__in=exact("title", 0, 10)).update(wholesale_only=True)


def _positions():
    Product.objects.filter(position=0).update(position=5)


def _touched():
    for pk in exact("created_at", 0, 4):
        Product.objects.get(pk=pk).save()  # updated_at moves


def _created_moved():
    Product.objects.filter(pk__in=exact("-created_at", 80, 5)).update(created_at=timezone.now())


WRITES = [_insert, _delete, _price_saved, _prices_updated, _raw_sql, _hidden, _wholesale, _positions, _touched]
WRITES.append(_created_moved)


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__.strip("_"))
def test_after_every_write_that_moves_or_hides_rows_a_deep_page_is_the_offset_page(write):
    make_products(100)
    starts = range(8, 100, 7)
    for ordering in ORDERINGS:  # marks made, then used
        assert [read(ordering, start, 5) for start in starts] == [exact(ordering, start, 5) for start in starts]
    before = ListingChange.objects.count()
    write()
    assert ListingChange.objects.count() > before  # the write changed the epoch
    for ordering in ORDERINGS:
        assert [read(ordering, start, 5) for start in starts] == [exact(ordering, start, 5) for start in starts]


def test_marks_found_stale_are_made_again_only_after_a_while(monkeypatch):
    """Between writes that follow each other closely, deep pages are read the plain way (still exact) instead of
    making marks for every write."""
    monkeypatch.setattr(marks, "REMAKE_SECONDS", 60)
    make_products(60)
    assert read("price", 20, 5) == exact("price", 20, 5)  # marks made
    Product.objects.filter(price_cents=0).update(price_cents=450)
    for start in (20, 30, 40, 20):  # the first finds the marks stale; none makes them again
        with CaptureQueriesContext(connection) as queries:
            assert read("price", start, 5) == exact("price", start, 5)
        assert "ROW_NUMBER" not in " ".join(query["sql"] for query in queries.captured_queries)
    assert marked_statements(queries.captured_queries) == []
    monkeypatch.setattr(marks, "REMAKE_SECONDS", 0)
    with CaptureQueriesContext(connection) as queries:
        assert read("price", 20, 5) == exact("price", 20, 5)
    assert len(marked_statements(queries.captured_queries)) == 1  # made again, and used


def test_a_sale_and_a_document_bump_leave_the_epoch_alone():
    product = make_products(1)[0]
    before = ListingChange.objects.count()
    Product.objects.filter(pk=product.pk).update(stock_enabled=True, stock_quantity=5)
    Product.objects.filter(pk=product.pk).update(stock_quantity=F("stock_quantity") - 1, sales=F("sales") + 1)
    Product.objects.filter(pk=product.pk).update(doc_version=F("doc_version") + 1)
    assert ListingChange.objects.count() == before
    product.refresh_from_db()
    product.save()  # a save writes updated_at, a sort key
    assert ListingChange.objects.count() == before + 1


def test_marks_made_from_rows_that_were_rolled_back_are_never_used():
    """The rolled-back change and the committed one write as many change rows, so the sum alone would match: the
    highest id tells them apart (ids of rolled-back rows are never given again)."""
    make_products(40)  # eight products at each of the prices 0, 100, 200, 300, 400
    with pytest.raises(RuntimeError), transaction.atomic():
        Product.objects.filter(price_cents=0).update(price_cents=999)
        assert read("price", 16, 5) == exact("price", 16, 5)  # marks made from the uncommitted prices: 300 at 16
        raise RuntimeError
    Product.objects.filter(price_cents=400).update(price_cents=0)  # now 100 is at 16
    assert read("price", 16, 5) == exact("price", 16, 5)


@pytest.mark.django_db(transaction=True)
def test_making_marks_folds_the_change_rows_and_keeps_their_sum():
    """Outside a transaction only (a request's own statement): inside one, a fold could meet a concurrent one."""
    make_products(20)
    ListingChange.objects.bulk_create(ListingChange(changes=1) for _ in range(marks.FOLD_OVER + 5))
    total = sum(ListingChange.objects.values_list("changes", flat=True))
    assert read("title", 10, 5) == exact("title", 10, 5)
    assert list(ListingChange.objects.values_list("changes", flat=True)) == [total]


@pytest.mark.django_db(transaction=True)
def test_pages_read_while_other_connections_commit_changes_are_exact():
    """Readers in repeatable-read transactions compare each page with OFFSET's in the same snapshot while writers
    commit price changes, inserts and hides: a page read from marks of an older epoch would differ."""
    make_products(150)
    stop, errors, marked = threading.Event(), [], [0]

    def writer(number: int) -> None:
        try:
            step = 0
            while not stop.is_set():
                step += 1
                with transaction.atomic():
                    if step % 3 == 0:
                        make_products(1, start=10_000 * (number + 1) + step)
                    pks = exact("price", (step * 7) % 120, 2)
                    Product.objects.filter(pk__in=pks).update(price_cents=F("price_cents") + 37 * step)
                    if step % 5 == 0:
                        Product.objects.filter(pk=pks[0]).update(status="draft" if step % 2 else "active")
        except Exception as error:  # collected, asserted below
            errors.append(error)
        finally:
            connection.close()

    def reader(_) -> None:
        try:
            for round_ in range(60):
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    start = 8 + (round_ * 11) % 120
                    with CaptureQueriesContext(connection) as queries:
                        page = read("-price", start, 5)
                    marked[0] += len(marked_statements(queries.captured_queries))
                    if page != exact("-price", start, 5):
                        errors.append(AssertionError(f"page at {start} differs"))
        except Exception as error:  # collected, asserted below
            errors.append(error)
        finally:
            connection.close()

    writers = [threading.Thread(target=writer, args=(number,)) for number in range(2)]
    readers = [threading.Thread(target=reader, args=(number,)) for number in range(2)]
    for thread in writers + readers:
        thread.start()
    for thread in readers:
        thread.join()
    stop.set()
    for thread in writers:
        thread.join()
    assert errors == []
    assert marked[0] > 0
