"""Schemathesis over the whole OpenAPI document, as every kind of caller: no 5xx, no response outside it.

The document is fetched from /api/openapi.json at collection, so every operation present then gets a test
(schemathesis' lazy fixture loader does not work with pytest 9). Each operation runs as four callers: anonymous,
a customer's key, a staff key holding every scope, and a staff key holding only the read scopes. A stateful run
follows the links between operations (create, then read, update, delete what was made) as staff, and a sweep
sends OPTIONS and HEAD to every route. Examples are derandomized: a run is reproducible.

Runtime is bounded by example counts: five per operation for the staff key, two for the other callers, and a
capped number of stateful steps; the whole module runs in about two minutes on one core.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from shopplatform.accounts.services import issue_api_key
from shopplatform.api.scopes import SCOPES
from shopplatform.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
CALLERS = ("anonymous", "customer", "staff", "read_only_key")
READ_SCOPES = [scope for scope in SCOPES if scope.endswith(":read")]
# The WSGI transport hands the body over as sent: ask for it uncompressed (GZipMiddleware is on).
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Requests go straight to the WSGI app, whose request signals would close the connection holding the test's
    transaction on PostgreSQL. Django's test client detaches the same receivers."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling_of_the_run(settings):
    settings.API_ANONYMOUS_RATE_LIMIT = 1_000_000


def key_headers(user, scopes) -> dict:
    _, secret = issue_api_key(user=user, scopes=scopes, rate_limit=1_000_000)
    return {**PLAIN, "Authorization": f"Bearer {secret}"}


@pytest.fixture
def caller_headers(request, django_user_model) -> dict:
    # No passwords: hashing one for each of the ~100 operations would double the run time.
    if request.param == "anonymous":
        return dict(PLAIN)
    if request.param == "customer":
        buyer = django_user_model.objects.create(username="buyer-fuzz", email="buyer-fuzz@example.com")
        return key_headers(buyer, "all")
    staff = django_user_model.objects.create(username="fuzzer", email="fuzzer@example.com", is_staff=True)
    return key_headers(staff, "all" if request.param == "staff" else READ_SCOPES)


# The coverage phase sends hundreds of boundary cases per operation; fuzzing (valid and invalid inputs) within
# max_examples keeps the whole document within the budget above.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}, "generation": {"mode": "all"}})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)
FUZZ = settings(derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.mark.django_db
@schema.parametrize()
@settings(FUZZ, max_examples=5)
@pytest.mark.parametrize("caller_headers", ["staff"], indirect=True)
def test_every_operation_conforms_to_the_document_for_staff(case, caller_headers):
    case.call_and_validate(headers=caller_headers, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@settings(FUZZ, max_examples=2)
@pytest.mark.parametrize("caller_headers", ["anonymous", "customer", "read_only_key"], indirect=True)
def test_every_operation_conforms_to_the_document_for_other_callers(case, caller_headers):
    case.call_and_validate(headers=caller_headers, checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.parametrize("caller_headers", ["staff"], indirect=True)
def test_stateful_sequences_conform_to_the_document(caller_headers):
    machine = schema.as_state_machine()

    class StaffMachine(machine):
        def get_call_kwargs(self, case):
            return {"headers": caller_headers}

        def validate_response(self, response, case, **kwargs):
            case.validate_response(response, checks=CHECKS)

    run_state_machine_as_test(
        StaffMachine,
        settings=settings(FUZZ, max_examples=10, stateful_step_count=5),
    )


def api_routes() -> list[str]:
    paths = schema.raw_schema["paths"]
    return sorted(path.replace("{", "").replace("}", "") for path in paths)


@pytest.mark.django_db
@pytest.mark.parametrize("caller_headers", CALLERS, indirect=True)
def test_options_and_head_answer_every_route_without_a_server_error(caller_headers):
    client = Client()
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in caller_headers.items()}
    failures = []

    for path in api_routes():
        for method in ("options", "head"):
            response = getattr(client, method)(path, **extra)
            if response.status_code >= 500 or "html" in response.get("Content-Type", ""):
                failures.append(f"{method.upper()} {path} → {response.status_code}")

    assert failures == []
