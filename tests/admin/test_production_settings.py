"""Production start-up refuses a missing or public development SECRET_KEY."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_KEY = "dev-insecure-secret-key-change-me-in-production"


def import_settings(**environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", "import shopplatform.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("secret_key", [None, "", DEVELOPMENT_KEY], ids=["missing", "empty", "development"])
def test_production_without_its_own_secret_key_stops_naming_it(secret_key):
    environment = {"DEBUG": "false"} | ({"SECRET_KEY": secret_key} if secret_key is not None else {})

    result = import_settings(**environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is missing or is the development key" in result.stderr


def test_production_with_its_own_secret_key_starts():
    result = import_settings(DEBUG="false", SECRET_KEY="a-long-random-production-key-0123456789abcdef")

    assert result.returncode == 0, result.stderr


def test_development_runs_on_the_development_key():
    result = import_settings(DEBUG="true")

    assert result.returncode == 0, result.stderr
