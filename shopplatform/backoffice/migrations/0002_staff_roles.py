"""The staff roles "Shop manager", "Fulfilment" and "Catalog editor" (shopplatform/backoffice/roles.py).

Permissions are created by Django after `migrate`, so the ones the roles need are created here first. Running it
again only adds what is missing; the reverse leaves the groups (they may hold people and hand-made grants).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from shopplatform.backoffice.roles import grant_roles


def create_roles(apps, schema_editor) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0005_grant_key_scopes_to_full_keys"),
        ("store", "0004_payment_method_labels"),
        ("catalog", "0012_product_extras"),
        ("media_library", "0001_media"),
        ("wallet", "0001_wallets_ledger_transfers_holds"),
        ("orders", "0011_paypal_events_and_checkout_methods"),
        ("privacy", "0002_content_type_from_accounts"),
        ("backoffice", "0001_jobs"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
