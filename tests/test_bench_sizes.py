"""`make bench` over several catalog sizes: each on its own database, shares side by side, flagged under target or
not flat in catalog size."""

import argparse
import json

import pytest

from bench import sizes


def test_sizes_are_read_smallest_first_without_repeats():
    assert sizes.sizes_of("100000,20000,20000") == [20_000, 100_000]
    assert sizes.sizes_of("5000") == [5_000]


@pytest.mark.parametrize("text", ["", "20k", "0,100", "-5"])
def test_anything_but_positive_whole_numbers_is_refused(text):
    with pytest.raises(argparse.ArgumentTypeError):
        sizes.sizes_of(text)


def test_each_size_has_a_database_of_its_own():
    url = "postgres://postgres@127.0.0.1:5432/shop_bench"

    assert sizes.database_for(url, 20_000) == "postgres://postgres@127.0.0.1:5432/shop_bench_20000"


def summary(search_p95_ms: float = 8.0, **shares: float) -> dict:
    names = {"list": "product list, 25", "detail": "product detail", "bigger": "product list, 100"}
    return {"shares": {names[key]: value for key, value in shares.items()}, "search_p95_ms": search_p95_ms}


def verdicts(summaries) -> dict[str, str]:
    rows = sizes.side_by_side(summaries)[1:]
    return {row[:28].strip(): row.split("   ")[-1].strip() for row in rows}


def test_a_share_under_its_target_at_any_size_is_flagged_with_the_size():
    found = verdicts({20_000: summary(list=0.27, detail=0.45), 100_000: summary(list=0.24, detail=0.44)})

    assert found["product list, 25"] == "UNDER TARGET (25%) at 100,000"
    assert found["product detail"] == "ok"


def test_a_share_falling_with_the_catalog_is_flagged_not_flat_even_above_its_target():
    found = verdicts({20_000: summary(detail=0.60, bigger=0.20), 100_000: summary(detail=0.45, bigger=0.19)})

    assert found["product detail"] == "NOT FLAT (25% lower at 100,000 than at 20,000)"
    assert found["product list, 100"] == ""  # no target, within the tolerance


def test_search_p95_is_judged_at_the_largest_size():
    assert verdicts({20_000: summary(40.0, list=0.3), 100_000: summary(12.0, list=0.3)})["search alone, p95"] == "ok"
    found = verdicts({20_000: summary(12.0, list=0.3), 100_000: summary(31.0, list=0.3)})
    assert found["search alone, p95"] == "OVER TARGET (30 ms)"


def test_a_child_hands_its_median_shares_and_rounds_to_the_parent(tmp_path):
    path = tmp_path / "shares.json"

    sizes.shares_file(str(path), {"search": [0.21, 0.27, 0.24]}, 9.5)

    assert json.loads(path.read_text()) == {
        "shares": {"search": 0.24},
        "rounds": {"search": [0.21, 0.27, 0.24]},
        "search_p95_ms": 9.5,
    }
