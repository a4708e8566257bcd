"""The events still to fan out indexed by id, instead of an index of the `fanned_out` flag.

PostgreSQL claimed an event for its fan-out through the flag's index, walking the entries every event left there as
`false` until vacuum (~0.6-1.4 ms and ~250 pages per claim on the benchmark's database, 0.1-0.2 ms now). On
PostgreSQL both indexes are built and dropped CONCURRENTLY (the events table takes a write with every order), hence
not atomic.
"""

from django.db import migrations, models

UNFANNED = models.Index(condition=models.Q(fanned_out=False), fields=["id"], name="webhooks_event_unfanned")
FLAG = models.Index(fields=["fanned_out"], name="webhooks_event_fanned_out_306f2797")  # Django's name for db_index


def _options(schema_editor) -> dict:
    return {"concurrently": True} if schema_editor.connection.vendor == "postgresql" else {}


def index_the_unfanned(apps, schema_editor) -> None:
    event = apps.get_model("webhooks", "Event")
    schema_editor.add_index(event, UNFANNED, **_options(schema_editor))
    schema_editor.remove_index(event, FLAG, **_options(schema_editor))


def index_the_flag(apps, schema_editor) -> None:
    event = apps.get_model("webhooks", "Event")
    schema_editor.add_index(event, FLAG, **_options(schema_editor))
    schema_editor.remove_index(event, UNFANNED, **_options(schema_editor))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("webhooks", "0002_endpoints_deliveries"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="fanned_out",
                    field=models.BooleanField(
                        default=False, help_text="Deliveries were created; the sweep fans out events still false."
                    ),
                ),
                migrations.AddIndex(model_name="event", index=UNFANNED),
            ],
            database_operations=[migrations.RunPython(index_the_unfanned, index_the_flag)],
        ),
    ]
