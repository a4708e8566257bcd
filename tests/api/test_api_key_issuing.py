"""API keys from the `create_api_key` command and the admin: secret shown once."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from shopplatform.accounts.models import ApiKey
from shopplatform.api.scopes import SCOPES

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("create_api_key", *args, stdout=out)
    return out.getvalue()


def test_command_prints_only_the_secret(staff_user):
    output = run_command("--user", "merchant", "--scopes", "catalog:read orders:read", "--name", "ci")

    secret = output.strip()
    assert re.fullmatch(r"shp_[A-Za-z0-9]{40}", secret)
    assert output == secret + "\n"
    api_key = ApiKey.objects.authenticate(secret)
    assert (api_key.user, api_key.name, api_key.scopes) == (staff_user, "ci", ["catalog:read", "orders:read"])


def test_command_scopes_all_grants_every_scope(staff_user):
    secret = run_command("--user", "merchant@example.com", "--scopes", "all", "--rate-limit", "500").strip()

    api_key = ApiKey.objects.authenticate(secret)
    assert api_key.scopes == list(SCOPES)
    assert api_key.rate_limit == 500


def test_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="No user"):
        run_command("--user", "ghost", "--scopes", "all")


def test_command_refuses_an_unknown_scope(staff_user):
    with pytest.raises(CommandError, match="Unknown scope"):
        run_command("--user", "merchant", "--scopes", "catalog:read teleport:write")


def test_admin_add_form_shows_the_secret_once(admin_client, staff_user):
    form = {
        "user": staff_user.pk,
        "name": "warehouse",
        "scopes": ["catalog:read", "orders:write"],
        "rate_limit": 120,
        "api_version": "",
        "revoked_at_0": "",
        "revoked_at_1": "",
    }

    created = admin_client.post("/admin/accounts/apikey/add/", form, follow=True)
    secret = re.search(r"shp_[A-Za-z0-9]{40}", created.content.decode()).group(0)
    api_key = ApiKey.objects.authenticate(secret)
    later = admin_client.get(f"/admin/accounts/apikey/{api_key.pk}/change/")

    assert (api_key.name, api_key.scopes, api_key.rate_limit) == ("warehouse", ["catalog:read", "orders:write"], 120)
    assert secret not in later.content.decode()
    assert api_key.secret_hash not in later.content.decode()
