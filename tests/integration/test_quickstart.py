"""docs/quickstart.md, run as written: every `sh` block in order, in one bash, against a live server.

The page's commands call `manage.py` in a subprocess, so the server and that subprocess must share a database the
subprocess can reach: PostgreSQL (the test database, committed rows).
"""

import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = ROOT / "docs" / "quickstart.md"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def test_the_quick_start_has_commands_to_run():
    assert len(sh_blocks(QUICKSTART.read_text())) >= 7


def test_the_quick_start_runs_as_written(live_server, settings, tmp_path):
    settings.SHOP_ALLOW_PRIVATE_URLS = True  # the page's webhook receiver listens on loopback
    call_command("seed_demo", stdout=io.StringIO())
    database = connection.settings_dict
    env = {
        **os.environ,
        "SHOP": live_server.url,
        "TMPDIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
    }
    script = "set -euo pipefail\n" + "\n".join(sh_blocks(QUICKSTART.read_text()))

    result = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )

    output = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(line.startswith("whsec_") for line in output)
    assert "True" in output  # the order is paid
    assert "order.created" in output
    assert output[-1] == "Wash linen cold and dry it flat."
