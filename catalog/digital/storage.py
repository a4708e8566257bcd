"""The private storage of version files (the "digital" entry of settings.STORAGES)."""

from django.core.files.storage import storages

DIGITAL_STORAGE = "digital"


def digital_storage():
    return storages[DIGITAL_STORAGE]
