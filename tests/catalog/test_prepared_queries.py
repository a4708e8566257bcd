"""Queries compiled once and run with new values (shopplatform.prepared), as the anonymous read path uses them."""

import pytest
from django.db.models import Q

from catalog.models import Product
from shopplatform.prepared import PreparedQuery
from tests.factories import ProductFactory

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
