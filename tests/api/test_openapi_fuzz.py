"""Schemathesis over the whole OpenAPI document: no 5xx, no response outside it.

The document is fetched from /api/openapi.json at collection, so every operation present then gets a test
(schemathesis' lazy fixture loader does not work with pytest 9). Requests carry a staff key holding every scope,
with a rate limit high enough never to throttle the run. Examples are derandomized: a run is reproducible.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from shopplatform.accounts.services import issue_api_key
from shopplatform.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Requests go straight to the WSGI app, whose request signals would close the connection holding the test's
    transaction on PostgreSQL. Django's test client detaches the same receivers."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def staff_authorization(django_user_model):
    # No password: hashing one for each of the ~100 operations would double the run time.
    staff = django_user_model.objects.create(username="fuzzer", email="fuzzer@example.com", is_staff=True)
    _, secret = issue_api_key(user=staff, scopes="all", rate_limit=1_000_000)
    return {"Authorization": f"Bearer {secret}"}


# The coverage phase sends hundreds of boundary cases per operation; fuzzing (valid and invalid inputs) within
# max_examples keeps the whole document under a minute.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}, "generation": {"mode": "all"}})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=5, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_every_operation_conforms_to_the_document(case, staff_authorization):
    case.call_and_validate(headers=staff_authorization, checks=CHECKS)
