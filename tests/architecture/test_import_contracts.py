"""The architecture rules in `.importlinter` hold, and a planted violation of each one fails `lint-imports`.

`lint-imports` reads the import graph statically (function-level imports included) from the packages in the
current directory, so the planted violations go into a copy of the source tree, never into the repository.
"""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("shopplatform", "catalog", "orders", "wallet", "webhooks", "media_library")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# Modules of `shopplatform` that sit above the domain apps or wire them together; everything else is the core.
NOT_CORE = {"privacy", "storefront", "backoffice", "urls", "settings", "celery", "wsgi", "asgi", "static"}


def run_lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def source_copy(tmp_path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def plant(root: Path, module: str, source: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(source)


def test_the_repository_keeps_every_contract():
    result = run_lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr


def test_every_platform_module_is_core_or_declared_above_the_domain_apps():
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    core = {
        name.removeprefix("shopplatform.") for name in config["importlinter:contract:core"]["source_modules"].split()
    }
    children = {path.stem for path in (ROOT / "shopplatform").iterdir() if path.name != "__pycache__"} - {"__init__"}

    assert children - core - NOT_CORE == set()


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("shopplatform.api.planted", "import catalog.models\n", "shopplatform.api.planted -> catalog.models"),
        ("catalog.planted", "def f():\n    import orders.models\n", "catalog.planted -> orders.models"),
        ("wallet.planted", "import webhooks.models\n", "wallet.planted -> webhooks.models"),
        ("orders.planted", "from catalog.api import serializers\n", "orders.planted -> catalog.api"),
    ],
    ids=["core-imports-domain", "upward-function-level-import", "siblings-not-independent", "api-imported-outside"],
)
def test_a_planted_violation_fails_naming_the_import(source_copy, module, source, expected):
    plant(source_copy, module, source)

    result = run_lint_imports(source_copy)

    assert result.returncode == 1
    assert expected in result.stdout


def test_a_planted_cycle_fails(source_copy):
    plant(source_copy, "webhooks.planted_a", "import webhooks.planted_b\n")
    plant(source_copy, "webhooks.planted_b", "def f():\n    import webhooks.planted_a\n")

    result = run_lint_imports(source_copy)

    assert result.returncode == 1
    assert "No cycles are allowed in webhooks" in result.stdout
