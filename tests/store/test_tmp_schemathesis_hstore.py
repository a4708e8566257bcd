import pytest
import schemathesis
from hypothesis import settings as hsettings, HealthCheck
from shopplatform.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
schema = schema.include(path_regex=r"/api/v1/(store|customers)")


@pytest.fixture
def auth(staff_client):
    return staff_client.secret


@schema.parametrize()
@hsettings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
@pytest.mark.django_db
def test_api(case, auth):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {auth}"}
    response = case.call()
    assert response.status_code < 500, response.text
    from schemathesis.checks import ignored_auth
    case.validate_response(response, excluded_checks=[ignored_auth])
