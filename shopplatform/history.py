"""A new row's first version (django-simple-history), copied by the database from the row just inserted.

simple_history writes a version on every save by building a historical instance in Python, field by field, and
saving it through the ORM: for an order (49 tracked fields) that was a tenth of a checkout's Python. A row inserted
with `insert_with_first_version` has its version written by one `INSERT … SELECT` from the row itself, with what
simple_history would put beside the copied fields: the date, the change reason, "+" and the author (the instance's
`_history_user`, else the request's signed-in user, as simple_history's middleware finds it). On PostgreSQL the
row and its version go in one statement (the INSERT as a `WITH` query the version selects from); elsewhere the
version follows the row. The statements are built once per model and process from the historical model's tracked
fields. Later saves keep simple_history's way.
"""

from django.db import connections
from django.db.models import Model
from django.utils import timezone
from simple_history.models import HistoricalRecords

from shopplatform.prepared import insert, insertable

_STATEMENTS: dict[tuple[type[Model], str], str] = {}


def insert_with_first_version(instance: Model, *, using: str = "default") -> None:
    """Insert `instance` (a new row of a model registered with simple_history) and write its first version; on
    PostgreSQL in one statement (`WITH inserted AS (INSERT … RETURNING *) INSERT INTO <history> SELECT …`)."""
    user = getattr(instance, "_history_user", None) or _request_user()
    values = [
        getattr(instance, "_history_date", None) or timezone.now(),
        getattr(instance, "_change_reason", None),
        getattr(user, "pk", None),
    ]
    instance.skip_history_when_saving = True  # simple_history's post_save: no version built in Python
    try:
        if connections[using].vendor == "postgresql" and insertable(instance, using=using):
            insert(instance, using=using, wrap=_with_first_version, extra=values)
            return
        insert(instance, using=using)
    finally:
        del instance.skip_history_when_saving
    with connections[using].cursor() as cursor:
        cursor.execute(_statement(type(instance), using), [*values, instance.pk])


def _request_user():
    """The signed-in user of the request being served, as simple_history's HistoryRequestMiddleware left it."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _statement(model: type[Model], using: str) -> str:
    """The first version of the row whose key is the last parameter, copied from the model's table."""
    statement = _STATEMENTS.get((model, using))
    if statement is None:
        quote = connections[using].ops.quote_name
        statement = _STATEMENTS[(model, using)] = (
            f"{_version_from(model, using)} FROM {quote(model._meta.db_table)}"
            f" WHERE {quote(model._meta.pk.column)} = %s"
        )
    return statement


def _with_first_version(model: type[Model], using: str, insert: str) -> str:
    """`insert` (answering the new key) and the row's first version, in one statement answering the key."""
    quote = connections[using].ops.quote_name
    inserted, _ = insert.rsplit(" RETURNING ", 1)
    key = quote(model.history.model._meta.get_field(model._meta.pk.attname).column)
    return f"WITH inserted AS ({inserted} RETURNING *) {_version_from(model, using)} FROM inserted RETURNING {key}"


def _version_from(model: type[Model], using: str) -> str:
    """`INSERT INTO <history> (…) SELECT <the tracked columns>, <date>, <reason>, '+', <user>`, to end with FROM."""
    history = model.history.model
    quote = connections[using].ops.quote_name
    copied = [(history._meta.get_field(field.attname).column, field.column) for field in history.tracked_fields]
    into = ", ".join(quote(column) for column, _ in copied)
    selected = ", ".join(quote(column) for _, column in copied)
    return (
        f"INSERT INTO {quote(history._meta.db_table)} ({into}, history_date, history_change_reason,"
        f" history_type, history_user_id) SELECT {selected}, %s, %s, '+', %s"
    )
