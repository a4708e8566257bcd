"""Removal of stored files: at once, or when the surrounding transaction commits (a rollback keeps them)."""

from django.core.files.storage import default_storage
from django.db import transaction


def delete_files_on_commit(names: list[str]) -> None:
    """Remove these storage names once the current transaction commits; blank names are skipped."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_stored_files(names))


def delete_stored_files(names: list[str]) -> None:
    """Remove these names from storage now (missing names are ignored)."""
    for name in names:
        default_storage.delete(name)
