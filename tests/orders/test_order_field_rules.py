"""The merchant-editable order fields' rules (`check_order_fields`), written against the mutation run of
`orders/services/workflow.py` (docs/testing.md): the arrival window and the tag list, each refusal's words and field."""

from datetime import date

import pytest

from orders.models import Order
from orders.services.workflow import MAX_TAG_LENGTH, MAX_TAGS, check_order_fields
from shopplatform.errors import InvalidInput


def refusal(order: Order) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as error:
        check_order_fields(order)
    return str(error.value.detail), error.value.param


def test_an_arrival_window_that_ends_before_it_starts_is_refused():
    order = Order(expected_arrival_from=date(2026, 5, 3), expected_arrival_until=date(2026, 5, 2), tags=[])

    assert refusal(order) == (
        "`expected_arrival_from` must not be after `expected_arrival_until`.",
        "expected_arrival_from",
    )


def test_an_arrival_window_of_one_day_is_fine():
    order = Order(expected_arrival_from=date(2026, 5, 2), expected_arrival_until=date(2026, 5, 2), tags=[])

    check_order_fields(order)


@pytest.mark.parametrize("tags", ["gift", ["gift", 3], [None], {"gift": 1}])
def test_tags_must_be_a_list_of_strings(tags):
    assert refusal(Order(tags=tags)) == ("`tags` must be a list of strings.", "tags")


@pytest.mark.parametrize(
    "tags",
    [
        [f"tag{n}" for n in range(MAX_TAGS + 1)],
        ["ok", "   "],
        ["x" * (MAX_TAG_LENGTH + 1)],
    ],
)
def test_too_many_blank_or_long_tags_are_refused(tags):
    assert refusal(Order(tags=tags)) == (
        f"`tags` holds at most {MAX_TAGS} non-blank tags of at most {MAX_TAG_LENGTH} characters.",
        "tags",
    )


def test_the_most_tags_of_the_longest_length_are_accepted_trimmed_and_unique():
    longest = "x" * MAX_TAG_LENGTH
    tags = [longest, *(f"tag{n}" for n in range(MAX_TAGS - 1)), f" {longest} "]
    order = Order(tags=tags)

    check_order_fields(order)

    assert order.tags == [longest, *(f"tag{n}" for n in range(MAX_TAGS - 1))]
