"""Where job files live: the private `backoffice_files` storage (a local directory, or a private S3 prefix)."""

from django.core.files.storage import storages

STORAGE_ALIAS = "backoffice_files"


def job_storage():
    return storages[STORAGE_ALIAS]
