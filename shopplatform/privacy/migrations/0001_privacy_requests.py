# The PrivacyRequest model moved from the accounts app. Its table stays `accounts_privacyrequest`, so this migration
# only adds the model to the privacy app's state; accounts 0004 removes it from the accounts app's state.

import shopplatform.ids
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_privacy_requests"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PrivacyRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        (
                            "public_id",
                            shopplatform.ids.PublicIdField(
                                db_index=True, editable=False, max_length=27, prefix="dsar", unique=True
                            ),
                        ),
                        (
                            "email",
                            models.EmailField(
                                blank=True,
                                db_index=True,
                                help_text="Cleared once an erasure has completed.",
                                max_length=254,
                            ),
                        ),
                        ("kind", models.CharField(choices=[("export", "Export"), ("erase", "Erase")], max_length=6)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("awaiting_confirmation", "Awaiting confirmation"),
                                    ("confirmed", "Confirmed"),
                                    ("processing", "Processing"),
                                    ("completed", "Completed"),
                                    ("refused", "Refused"),
                                    ("expired", "Expired"),
                                ],
                                db_index=True,
                                default="awaiting_confirmation",
                                max_length=21,
                            ),
                        ),
                        ("reason", models.TextField(blank=True, help_text="Why the request was refused.")),
                        (
                            "archive_name",
                            models.CharField(
                                blank=True, editable=False, help_text="Export in private storage.", max_length=200
                            ),
                        ),
                        ("archive_expires_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("confirmation_sent_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("confirmed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("completed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "privacy request",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "accounts_privacyrequest",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
