"""Queries compiled once and run with new values (shopplatform.prepared), as the anonymous read path uses them."""

from datetime import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Now

from catalog.documents.read import PlainPage
from catalog.models import Product, Variant
from shopplatform.accounts.models import ApiKey
from shopplatform.accounts.services import issue_api_key
from shopplatform.prepared import PreparedQuery, PreparedUpdate
from tests.factories import BrandFactory, ProductFactory, RegisteredCustomerFactory, UserFactory, VariantFactory

pytestmark = pytest.mark.django_db


def by_ref_and_keys(slots):
    ref = slots.text("ref")
    return (
        Product.objects.filter(Q(public_id=ref) | Q(slug=ref) | Q(pk__in=slots.numbers("keys")))
        .order_by("pk")
        .values_list("slug", flat=True)
    )


def test_rows_answer_what_the_orm_query_answers_for_each_value():
    teapot, cup, jug = ProductFactory(slug="teapot"), ProductFactory(slug="cup"), ProductFactory(slug="jug")
    prepared = PreparedQuery(by_ref_and_keys)

    assert prepared.rows(ref="teapot", keys=[jug.pk]) == [("teapot",), ("jug",)]
    assert prepared.rows(ref=cup.public_id, keys=[teapot.pk, jug.pk]) == [("teapot",), ("cup",), ("jug",)]
    assert prepared.rows(ref="none", keys=[0]) == []


def test_a_query_compiles_once_per_length_of_its_lists():
    built = []
    prepared = PreparedQuery(lambda slots: built.append(1) or by_ref_and_keys(slots))

    for keys in ([1], [2], [1, 2], [3, 4]):
        prepared.rows(ref="x", keys=keys)

    assert len(built) == 2


def test_values_are_bound_never_written_into_the_sql():
    ProductFactory(slug="teapot")
    prepared = PreparedQuery(by_ref_and_keys)

    assert prepared.rows(ref="x' OR '1'='1", keys=[0]) == []
    assert "teapot" not in prepared.sql(ref="teapot", keys=[0])[0]


def test_a_lookup_that_rewrites_its_value_cannot_take_a_slot():
    prepared = PreparedQuery(
        lambda slots: Product.objects.filter(title__icontains=slots.text("word")).values_list("pk")
    )

    with pytest.raises(ValueError, match="word"):
        prepared.rows(word="tea")


def test_a_suffix_adds_its_own_parameters():
    for slug in ("a", "b", "c", "d"):
        ProductFactory(slug=slug)
    prepared = PreparedQuery(lambda slots: Product.objects.order_by("slug").values_list("slug"))

    assert prepared.rows(" LIMIT %s OFFSET %s", (2, 1)) == [("b",), ("c",)]


def test_keys_reads_the_first_column_of_a_page():
    for slug in ("a", "b", "c", "d"):
        ProductFactory(slug=slug)
    prepared = PreparedQuery(lambda slots: Product.objects.order_by("slug").values_list("slug", "pk"))

    assert prepared.keys(slice(1, 3)) == ["b", "c"]


def with_brands(slots):
    return Product.objects.select_related("brand").filter(pk__in=slots.numbers("keys")).order_by("pk")


def stored(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_instances_are_what_iterating_the_queryset_gives(django_assert_num_queries):
    branded = ProductFactory(brand=BrandFactory(title="Acme"), custom_fields=[{"name": "Volume", "value": "1 l"}])
    plain = ProductFactory()
    keys = [branded.pk, plain.pk]
    expected = list(with_brands(_Values(keys=keys)))

    with django_assert_num_queries(1):
        built = PreparedQuery(with_brands).instances(keys=keys)
        brands = [product.brand for product in built]  # loaded with the row, as select_related does

    assert [stored(product) for product in built] == [stored(product) for product in expected]
    assert built[0].custom_fields == [{"name": "Volume", "value": "1 l"}]  # converted as the ORM converts (JSON)
    assert built[0].created_at.tzinfo is not None
    assert [brand and brand.title for brand in brands] == ["Acme", None]
    assert all(product._state.db == "default" and not product._state.adding for product in built)


def test_instances_carry_the_query_s_annotations_as_iterating_it_does(django_assert_num_queries):
    with_variants, plain = ProductFactory(), ProductFactory()
    VariantFactory(product=with_variants)

    def annotated(slots):
        has_variants = Exists(Variant.objects.filter(product=OuterRef("pk")))
        return Product.objects.filter(pk__in=slots.numbers("keys")).annotate(has_variants=has_variants).order_by("pk")

    keys = [with_variants.pk, plain.pk]
    with django_assert_num_queries(1):
        built = PreparedQuery(annotated).instances(keys=keys)

    assert [(product.pk, product.has_variants) for product in built] == [(with_variants.pk, True), (plain.pk, False)]
    assert [product.has_variants for product in annotated(_Values(keys=keys))] == [True, False]
    assert [stored(product) for product in built] == [stored(product) for product in annotated(_Values(keys=keys))]


def test_a_missing_reverse_one_to_one_is_known_missing_without_a_query(django_assert_num_queries):
    with_customer, without = RegisteredCustomerFactory().user, UserFactory()
    _, first_secret = issue_api_key(user=with_customer, scopes="shop:read")
    _, second_secret = issue_api_key(user=without, scopes="shop:read")

    first, second = ApiKey.objects.authenticate(first_secret), ApiKey.objects.authenticate(second_secret)

    with django_assert_num_queries(0):
        assert first.user.customer.email == with_customer.email
        assert not hasattr(second.user, "customer")
    assert ApiKey.objects.authenticate(first_secret + "x") is None


def test_a_locking_read_is_compiled_with_its_lock_and_runs_in_a_transaction():
    """The lock itself is shown where it matters: parallel checkouts of one cart make one order (tests/orders/test_concurrency.py)."""
    product = ProductFactory()
    locked = PreparedQuery(lambda slots: Product.objects.select_for_update().filter(pk=slots.number("pk")).order_by())

    with transaction.atomic():
        assert [found.pk for found in locked.instances(pk=product.pk)] == [product.pk]
    assert ("FOR UPDATE" in locked.sql(pk=product.pk)[0]) is connection.features.has_select_for_update
    assert locked.instances(pk=0) == []


class _Values:
    """Stand-in slots that hand the real values to a build function: the ORM query a prepared one is compiled from."""

    def __init__(self, **values) -> None:
        self.values = values

    def numbers(self, name: str) -> list[int]:
        return list(self.values[name])


@pytest.mark.postgres
def test_the_query_s_own_constants_are_written_in_and_only_slots_are_bound():
    prepared = PreparedQuery(
        lambda slots: Product.objects.filter(
            status__in=["active", "soon"], title="it's 100%", slug=slots.text("ref")
        ).values_list("slug", flat=True)
    )
    ProductFactory(slug="teapot", status="active", title="it's 100%")

    text, params = prepared.sql(ref="teapot")

    assert params == ["teapot"]
    assert "'active'" in text and "'soon'" in text
    assert prepared.rows(ref="teapot") == [("teapot",)]  # the quote and the percent sign survive being written in


@pytest.mark.postgres
def test_a_page_of_the_anonymous_list_is_planned_once_then_its_plan_is_kept():
    """PostgreSQL keeps a generic plan only when it can plan without the values; with the visibility rule's
    statuses bound, it could not use the partial ordering index and planned every page again."""
    ProductFactory.create_batch(6, status="active")
    page = PlainPage("-price", "context-key")

    for offset in range(8):
        page[offset % 4 : offset % 4 + 2]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%LIMIT 2 OFFSET%"page"."price_cents" DESC%'],
        )
        generic_plans = [row[0] for row in cursor.fetchall()]
    assert generic_plans and max(generic_plans) >= 1


@pytest.mark.postgres
def test_the_first_pages_of_a_large_catalog_keep_their_plan():
    """A bound OFFSET is guessed to skip a tenth of the rows it is cut from. Cut from the whole catalog, that guess
    made a kept plan look dearer than planning each early page of a large catalog, and every page was planned again;
    cut from the page's reach, it is below every offset that reach serves."""
    Product.objects.bulk_create(
        Product(title=f"Cup {number}", slug=f"cup-{number}", status="active", price_cents=100 + number % 997)
        for number in range(10_000)
    )
    with connection.cursor() as cursor:
        cursor.execute('ANALYZE "catalog_product"')
    page = PlainPage("-price", "context-key")

    for run in range(8):
        for start in (41, 60, 80):  # pages of 25 ending within one reach (128), far below a tenth of the catalog
            assert len(page[start + run : start + run + 25]) == 25

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%LIMIT 25 OFFSET%"page"."price_cents" DESC%'],
        )
        (generic, custom), *others = cursor.fetchall()
    assert others == []  # one statement serves the three pages
    assert custom <= 5 and generic >= 24 - 2 - 5  # the first two runs are sent unprepared (prepare_threshold)


def take_units(slots):
    quantity = Value(slots.number("quantity"))
    return (
        Product.objects.filter(pk=slots.number("pk"), stock_quantity__gte=quantity),
        {"stock_quantity": F("stock_quantity") - quantity, "title": slots.text("title")},
    )


def test_an_update_changes_what_the_orm_update_changes_and_answers_the_rows_changed():
    teapot, cup = ProductFactory(stock_quantity=5, title="Teapot"), ProductFactory(stock_quantity=5, title="Cup")
    prepared = PreparedUpdate(take_units)

    assert prepared.run(pk=teapot.pk, quantity=2, title="Teapot, blue") == 1
    assert prepared.run(pk=teapot.pk, quantity=4, title="never") == 0  # 3 left: the condition refuses
    assert prepared.run(pk=cup.pk, quantity=5, title="Cup") == 1

    assert Product.objects.filter(pk=teapot.pk).values_list("stock_quantity", "title").get() == (3, "Teapot, blue")
    assert Product.objects.get(pk=cup.pk).stock_quantity == 0


def test_an_update_answers_the_returning_columns_of_the_rows_it_changed_and_binds_its_values():
    teapot = ProductFactory(stock_quantity=5, title="Teapot")
    prepared = PreparedUpdate(take_units, returning=["stock_quantity", "title"])

    assert prepared.run(pk=teapot.pk, quantity=2, title="x' || 'y") == [(3, "x' || 'y")]
    assert prepared.run(pk=teapot.pk, quantity=9, title="never") == []
    assert "x'" not in prepared.sql(pk=teapot.pk, quantity=1, title="x' || 'y")[0]


def test_an_update_is_compiled_once_and_an_error_marks_the_atomic_block_for_rollback():
    built = []
    prepared = PreparedUpdate(lambda slots: built.append(1) or take_units(slots))
    teapot = ProductFactory(stock_quantity=5)
    for quantity in (1, 1, 1):
        prepared.run(pk=teapot.pk, quantity=quantity, title="Teapot")
    assert len(built) == 1

    with transaction.atomic():
        with pytest.raises(IntegrityError):  # the title is NOT NULL
            prepared.run(pk=teapot.pk, quantity=1, title=None)
        assert transaction.get_rollback()  # as QuerySet.update() leaves it: the block rolls back on leaving


def test_an_update_of_more_than_one_table_is_refused():
    prepared = PreparedUpdate(
        lambda slots: (Product.objects.filter(brand__public_id=slots.text("brand")), {"title": slots.text("title")})
    )

    with pytest.raises(ValueError, match="one table"):
        prepared.run(brand="Acme", title="x")


@pytest.mark.postgres  # SQLite's integer columns are all 64-bit: the stand-ins are in their range
def test_an_integer_column_compared_with_a_plain_slot_is_settled_without_sql():
    """Django decides `stock_quantity >= <a value outside the column's range>` (a stand-in) in Python, so the slot
    never reaches the SQL; `Value(slot)` reaches it (the claims' way)."""
    plain = PreparedUpdate(
        lambda slots: (Product.objects.filter(stock_quantity__gte=slots.number("quantity")), {"stock_quantity": 0})
    )

    with pytest.raises(ValueError, match="quantity"):
        plain.run(quantity=1)


def test_returned_values_are_converted_as_a_query_of_the_fields_converts_them():
    """SQLite answers a datetime as text; the returned `updated_at` is the datetime a query of the field reads."""
    teapot = ProductFactory()
    touched = PreparedUpdate(
        lambda slots: (Product.objects.filter(pk=slots.number("pk")), {"updated_at": Now()}), returning=["updated_at"]
    )

    ((updated_at,),) = touched.run(pk=teapot.pk)

    assert isinstance(updated_at, datetime) and updated_at.tzinfo is not None
    assert updated_at == Product.objects.get(pk=teapot.pk).updated_at
