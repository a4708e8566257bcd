"""schemathesis over the whole OpenAPI document (SPEC §3 "OpenAPI", §8): no 5xx, no response outside it.

The document is fetched from /api/openapi.json at collection, so every operation present then gets a test
(schemathesis' lazy fixture loader does not work with pytest 9). Requests carry a staff key holding every scope,
with a rate limit high enough never to throttle the run. Examples are derandomized: a run is reproducible.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from shopplatform.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def staff_authorization(make_client, staff_user):
    return {"Authorization": f"Bearer {make_client(staff_user, scopes='all', rate_limit=1_000_000).secret}"}


# The coverage phase sends hundreds of boundary cases per operation; fuzzing (valid and invalid inputs) within
# max_examples keeps the whole document under a minute.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}, "generation": {"mode": "all"}})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=3, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_every_operation_conforms_to_the_document(case, staff_authorization):
    case.call_and_validate(headers=staff_authorization, checks=CHECKS)
