# PrivacyRequest now belongs to the privacy app (privacy 0001 adds it to that app's state). The table stays, so
# this only removes the model from the accounts app's state.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_privacy_requests"),
        ("privacy", "0001_privacy_requests"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PrivacyRequest")],
            database_operations=[],
        ),
    ]
