"""Fast production defaults: persistent PostgreSQL connections with health checks and prepared statements, cached
templates."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader


def settings_under(env: dict, *, options: bool = False) -> list:
    """DATABASES["default"] as the settings module computes it in a fresh process with `env`: its connection
    lifetime and health checks, or its OPTIONS."""
    code = "import json, django.conf; from shopplatform import settings as s; d = s.DATABASES['default']; " + (
        "print(json.dumps(d.get('OPTIONS', {})))"
        if options
        else "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    overridden = ("DATABASE_URL", "DB_CONN_MAX_AGE", "DB_PREPARE_THRESHOLD")
    clean = {key: value for key, value in os.environ.items() if key not in overridden}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(result.stdout)


def test_postgresql_connections_persist_a_minute_with_health_checks():
    assert settings_under({"DATABASE_URL": "postgres://shop@db.example:5432/shop"}) == [60, True]


def test_connection_lifetime_follows_the_environment():
    env = {"DATABASE_URL": "postgres://shop@db.example:5432/shop", "DB_CONN_MAX_AGE": "5"}

    assert settings_under(env) == [5, True]


def test_sqlite_connections_close_after_each_request():
    assert settings_under({"DATABASE_URL": "sqlite:///tmp/x.sqlite3"}) == [0, False]


def test_postgresql_statements_are_bound_on_the_server_and_prepared_on_their_second_use():
    options = settings_under({"DATABASE_URL": "postgres://shop@db.example:5432/shop"}, options=True)

    assert options == {"server_side_binding": True, "prepare_threshold": 2}


def test_prepared_statements_can_be_turned_off_for_a_pooler_without_them():
    env = {"DATABASE_URL": "postgres://shop@db.example:5432/shop", "DB_PREPARE_THRESHOLD": "off"}

    assert settings_under(env, options=True) == {}  # Django's default: text sent and planned on every execution


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_statement_run_again_is_planned_once_on_the_server():
    sql = "SELECT 1 AS prepared_marker WHERE %s"
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute(sql, [True])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%prepared_marker%"])
        prepared = cursor.fetchone()[0]

    assert prepared == 1


@pytest.mark.parametrize("debug", [False, True])
def test_templates_are_compiled_once_per_process(debug, settings):
    settings.DEBUG = debug

    loaders = engines["django"].engine.template_loaders

    assert isinstance(loaders[0], CachedLoader)


def _ended(pid: int) -> None:
    """End the server process behind a connection, as a restart or an idle timeout would, and wait until it is gone."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)
    raise AssertionError(f"backend {pid} still running")


@pytest.fixture
def own_connection():
    """A second connection to the test database with the project's settings (health checks on)."""
    wrapper = connections.create_connection(DEFAULT_DB_ALIAS)
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_healthy_idle_connection_is_checked_without_a_round_trip(own_connection):
    with own_connection.cursor() as cursor:
        cursor.execute("SELECT 'last statement before the check'")
    pid = own_connection.connection.info.backend_pid

    usable = own_connection.is_usable()

    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        last_statement = cursor.fetchone()[0]
    assert usable is True
    assert last_statement == "SELECT 'last statement before the check'"  # Django's check would have sent SELECT 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_found_unusable(own_connection):
    _ended(own_connection.connection.info.backend_pid)

    assert own_connection.is_usable() is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_next_request_replaces_a_connection_the_server_ended(own_connection):
    ended = own_connection.connection.info.backend_pid
    _ended(ended)

    own_connection.close_if_unusable_or_obsolete()  # what Django runs as a request starts
    with own_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        serving = cursor.fetchone()[0]

    assert serving != ended


def test_the_web_process_loads_its_views_at_start_and_keeps_them_out_of_garbage_collection():
    code = (
        "import gc, sys, shopplatform.wsgi; "
        "print(gc.get_freeze_count() > 100_000, 'catalog.api.views' in sys.modules, len(gc.get_objects()) < 20_000)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
    )

    assert result.stdout.split() == ["True", "True", "True"]
