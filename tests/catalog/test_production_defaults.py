"""Fast production defaults: persistent PostgreSQL connections with health checks, cached templates."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader


def settings_under(env: dict) -> dict:
    """DATABASES["default"] as the settings module computes it in a fresh process with `env`."""
    code = (
        "import json, django.conf; from shopplatform import settings as s; "
        "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    clean = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DB_CONN_MAX_AGE")}
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


@pytest.mark.parametrize("debug", [False, True])
def test_templates_are_compiled_once_per_process(debug, settings):
    settings.DEBUG = debug

    loaders = engines["django"].engine.template_loaders

    assert isinstance(loaders[0], CachedLoader)
