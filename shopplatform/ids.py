"""Public identifiers: `<prefix>_<22 base62 characters>` (about 131 random bits).

Internal primary keys never leave the server; every API resource carries a PublicIdField instead.
"""

import secrets
import string

from django.db import models

ALPHABET = string.ascii_letters + string.digits
RANDOM_LENGTH = 22
# Bytes below 248 (4 x 62) map onto the alphabet evenly (`byte % 62`); the others are dropped.
_EVEN_BELOW = len(ALPHABET) * (256 // len(ALPHABET))


def new_public_id(prefix: str) -> str:
    """Return a fresh random id such as `prod_4fQ…`."""
    return f"{prefix}_" + random_characters(RANDOM_LENGTH)


def random_characters(length: int) -> str:
    """`length` letters and digits, each drawn evenly from the alphabet, from one read of the system's random source
    per 32 characters or so (`get_random_string` reads it once per character)."""
    characters: list[str] = []
    while len(characters) < length:
        wanted = max(32, length + length // 4)
        characters += [ALPHABET[byte % len(ALPHABET)] for byte in secrets.token_bytes(wanted) if byte < _EVEN_BELOW]
    return "".join(characters[:length])


class PublicIdField(models.CharField):
    """A unique, immutable public id, filled in on first save (bulk_create included)."""

    def __init__(self, *args, prefix: str, **kwargs) -> None:
        self.prefix = prefix
        kwargs.setdefault("max_length", len(prefix) + 1 + RANDOM_LENGTH)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["prefix"] = self.prefix
        if not self._unique:
            kwargs["unique"] = False  # a non-unique copy (the change-history tables): not the default True
        if not self.db_index:
            kwargs["db_index"] = False  # an unindexed copy (the order history): not the default True either
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if not value:
            value = new_public_id(self.prefix)
            setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, *args, **kwargs) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        models.signals.post_init.connect(self._fill_on_init, sender=cls, weak=False)

    def _fill_on_init(self, sender, instance, **kwargs) -> None:
        # New instances get their id at construction so services can reference it before saving. Rows loaded
        # from the database already hold theirs; a deferred field is absent from __dict__ and left alone.
        if instance.__dict__.get(self.attname) == "":
            instance.__dict__[self.attname] = new_public_id(self.prefix)
