"""Fast production defaults: persistent PostgreSQL connections with health checks and prepared statements, cached
templates."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
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
