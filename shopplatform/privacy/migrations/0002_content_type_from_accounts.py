# Data only: the content type of PrivacyRequest follows the model from the accounts app to the privacy app, so its
# permissions (and the admin history) stay attached to it. A fresh database has no such row yet: nothing to move.

from django.db import migrations

MODEL = "privacyrequest"


def relabel(apps, *, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects
    if content_types.filter(app_label=new, model=MODEL).exists():
        return  # already created for the new app (by an earlier migrate): keep it
    content_types.filter(app_label=old, model=MODEL).update(app_label=new)


def forwards(apps, schema_editor) -> None:
    relabel(apps, old="accounts", new="privacy")


def backwards(apps, schema_editor) -> None:
    relabel(apps, old="privacy", new="accounts")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("privacy", "0001_privacy_requests"),
        ("accounts", "0004_privacy_request_moved_to_privacy_app"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
