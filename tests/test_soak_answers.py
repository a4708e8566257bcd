"""The soak's reading of answers during faults (bench.soak): a dependency that is down may answer 503, as
problem+json under /api/ and as the short outage page elsewhere (shopplatform.api.outages), only inside a fault."""

import pytest

from bench.soak.invariants import server_errors_only_during_faults
from bench.soak.workload import Outcome, describe

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)

PAGE = {"content-type": "text/plain; charset=utf-8", "retry-after": "5"}
PROBLEM = {"content-type": "application/problem+json", "retry-after": "5"}
WINDOWS = [("PostgreSQL connections terminated", 10.0, 20.0)]


def test_a_store_page_outage_answer_is_the_outage_page():
    assert describe(503, PAGE, b"The shop is briefly unavailable.", "/") == "503 outage page"
    assert describe(503, PROBLEM, b"{}", "/api/v1/products") == "503 problem+json"


@pytest.mark.parametrize(
    ("status", "headers", "path"),
    [
        (503, PAGE, "/api/v1/products"),  # the API answers problem+json
        (503, {"content-type": "text/html"}, "/"),  # no Retry-After: not the outage page
        (500, PAGE, "/"),
    ],
)
def test_other_server_errors_are_not_outage_answers(status, headers, path):
    assert describe(status, headers, b"", path).endswith("other")


@pytest.mark.parametrize("kind", ["503 problem+json", "503 outage page"])
def test_outage_answers_pass_inside_a_fault_and_fail_outside_one(kind):
    inside = Outcome(at=15.0, instance=0, action="browse", status=503, kind=kind)
    outside = Outcome(at=30.0, instance=0, action="browse", status=503, kind=kind)

    assert server_errors_only_during_faults([inside], WINDOWS, origin=0.0).ok
    assert not server_errors_only_during_faults([outside], WINDOWS, origin=0.0).ok


def test_an_other_server_error_fails_even_inside_a_fault():
    other = Outcome(at=15.0, instance=0, action="browse", status=503, kind="503 other", detail="Bad gateway")

    assert not server_errors_only_during_faults([other], WINDOWS, origin=0.0).ok
