"""Keys that held every scope before `keys:read` and `keys:write` existed were "all" keys: they keep managing keys."""

from django.db import migrations

SCOPES_BEFORE = {
    "catalog:read",
    "catalog:write",
    "orders:read",
    "orders:write",
    "shop:read",
    "shop:write",
    "customers:read",
    "customers:write",
    "wallet:read",
    "wallet:write",
    "webhooks:read",
    "webhooks:write",
    "media:read",
    "media:write",
    "search:read",
    "news:read",
    "privacy:write",
}
KEY_SCOPES = ["keys:read", "keys:write"]


def grant_key_scopes(apps, schema_editor):
    ApiKey = apps.get_model("accounts", "ApiKey")
    for api_key in ApiKey.objects.filter(revoked_at__isnull=True).iterator(chunk_size=500):
        if SCOPES_BEFORE <= set(api_key.scopes) and not set(KEY_SCOPES) <= set(api_key.scopes):
            api_key.scopes = [*api_key.scopes, *(scope for scope in KEY_SCOPES if scope not in api_key.scopes)]
            api_key.save(update_fields=["scopes"])


def withdraw_key_scopes(apps, schema_editor):
    ApiKey = apps.get_model("accounts", "ApiKey")
    for api_key in ApiKey.objects.iterator(chunk_size=500):
        if set(KEY_SCOPES) & set(api_key.scopes):
            api_key.scopes = [scope for scope in api_key.scopes if scope not in KEY_SCOPES]
            api_key.save(update_fields=["scopes"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_privacy_request_moved_to_privacy_app")]

    operations = [migrations.RunPython(grant_key_scopes, withdraw_key_scopes)]
