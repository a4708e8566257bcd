"""/metrics: never public (staff session or the METRICS_TOKEN bearer), and it exposes the series operators alert on."""

import pytest
from django.core.cache import cache
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from tests.s3_server import free_port
from webhooks.tasks import sweep_webhook_deliveries_task

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-for-tests-0123456789"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client, token: str = TOKEN) -> dict[str, list]:
    """GET /metrics with the bearer token; return {family name: samples}."""
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return {family.name: family.samples for family in text_string_to_metric_families(response.content.decode())}


def test_metrics_refuses_an_anonymous_caller(client, metrics_token):
    response = client.get("/metrics")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"django_http" not in response.content


def test_metrics_refuses_a_wrong_token(client, metrics_token):
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")

    assert response.status_code == 401


def test_metrics_refuses_an_api_key_even_a_staff_one(client, metrics_token, staff_client):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {staff_client.secret}")

    assert response.status_code == 401


def test_metrics_refuses_every_bearer_when_no_token_is_configured(client, settings):
    settings.METRICS_TOKEN = ""

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == 401


def test_metrics_refuses_a_customer_session(client, customer_user, metrics_token):
    client.force_login(customer_user)

    response = client.get("/metrics")

    assert response.status_code == 401


def test_metrics_opens_to_a_staff_session(client, staff_user):
    client.force_login(staff_user)

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_metrics_count_requests_and_latency_per_route(client, metrics_token):
    client.get("/api/v1/products")

    families = scrape(client)

    latency = families["django_http_requests_latency_seconds_by_view_method"]
    assert any(sample.labels.get("view") == "product-list" for sample in latency)
    assert "django_http_responses_total_by_status_view_method" in families


def test_metrics_time_database_queries_and_count_cache_reads(client, metrics_token):
    client.get("/api/v1/products")

    families = scrape(client)

    assert any(sample.value > 0 for sample in families["django_db_query_duration_seconds"])
    assert "django_cache_get" in families


def test_metrics_count_task_outcomes(client, metrics_token):
    labels = {"task": "webhooks.tasks.sweep_webhook_deliveries_task", "outcome": "success"}
    before = REGISTRY.get_sample_value("shop_celery_tasks_total", labels) or 0

    sweep_webhook_deliveries_task.delay()

    assert REGISTRY.get_sample_value("shop_celery_tasks_total", labels) == before + 1
    assert any(sample.labels == labels for sample in scrape(client)["shop_celery_tasks"])


def test_metrics_time_each_cache_call(client, metrics_token):
    labels = {"backend": cache.backend_label, "operation": "get"}
    before = REGISTRY.get_sample_value("shop_cache_operation_seconds_count", labels) or 0

    cache.get("metrics-probe")

    families = scrape(client)
    assert REGISTRY.get_sample_value("shop_cache_operation_seconds_count", labels) == before + 1
    timed = {sample.labels["operation"] for sample in families["shop_cache_operation_seconds"] if sample.labels}
    assert "get" in timed


def test_metrics_report_the_broker_down_when_redis_does_not_answer(client, metrics_token, settings):
    settings.REDIS_URL = settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"

    families = scrape(client)

    assert families["shop_celery_broker_up"][0].value == 0
    assert "shop_celery_queue_length" not in families


@pytest.mark.redis
def test_metrics_report_the_queue_depth_from_the_broker(client, metrics_token):
    families = scrape(client)

    assert families["shop_celery_broker_up"][0].value == 1
    assert {sample.labels["queue"] for sample in families["shop_celery_queue_length"]} == {"shop"}


@pytest.mark.postgres
def test_each_statement_is_counted_timed_and_its_failure_counted_by_type():
    """shopplatform.database's cursor feeds django-prometheus's database series, labelled (alias, vendor)."""
    from django.db import DatabaseError, connection, transaction

    labels = {"alias": "default", "vendor": "postgresql"}

    def value(name: str, **extra) -> float:
        return REGISTRY.get_sample_value(name, {**labels, **extra}) or 0

    executed, timed = value("django_db_execute_total"), value("django_db_query_duration_seconds_count")
    many, failed = value("django_db_execute_many_total"), value("django_db_errors_total", type="UndefinedTable")

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.executemany("SELECT %s", [(1,), (2,), (3,)])

    assert value("django_db_execute_total") == executed + 1 + 3
    assert value("django_db_execute_many_total") == many + 3
    assert value("django_db_query_duration_seconds_count") == timed + 2
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert value("django_db_errors_total", type="UndefinedTable") == failed + 1
