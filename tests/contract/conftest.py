"""The OpenAPI document as integrators' generators see it: a typed Python client generated from it, once a session.

`openapi-python-client` (default settings, `--fail-on-warning`) writes the client; `mypy --strict` checks it; the
tests import it and call a live server through it, so the contract is exercised by the code integrators would run.
"""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PACKAGE = "shopplatform_api_client"


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(cwd), "DJANGO_SETTINGS_MODULE": "shopplatform.settings"},
    )
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def openapi_document(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("contract") / "openapi.json"
    run(
        [sys.executable, "manage.py", "spectacular", "--format", "openapi-json", "--fail-on-warn", "--file", str(path)],
        ROOT,
    )
    return path


@pytest.fixture(scope="session")
def generated_client(openapi_document):
    """The generated package, importable; its generator and type-check output are attached for the tests."""
    out = openapi_document.parent
    generation = run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(openapi_document), "--fail-on-warning"], out
    )
    (project,) = [path for path in out.iterdir() if path.is_dir()]
    type_check = run([str(BIN / "mypy"), "--strict", "--no-incremental", PACKAGE], project)
    sys.path.insert(0, str(project))
    try:
        package = importlib.import_module(PACKAGE)
        yield package, generation, type_check
    finally:
        sys.path.remove(str(project))
