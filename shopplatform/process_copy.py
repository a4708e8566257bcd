"""Rows that pages only show, kept by each process for a few seconds: store settings, menus, navigation categories,
the category tree.

Every store page showed them, one query each, every time. A `ProcessCopy` reads its value at most
STORE_SETTINGS_CACHE_SECONDS ago (2 by default; 0 reads every time) and forgets it at once when this process saves
or deletes one of the rows it watches (`watch`): the admin that changed the settings sees the change on its next
page, other processes within those seconds. What prices, charges or validates reads the rows themselves.
"""

import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db.models.signals import post_delete, post_save

Value = TypeVar("Value")


_COPIES: list["ProcessCopy"] = []  # every copy of the process (module-level singletons)
_forgotten = [0]  # how many times a copy of this process forgot its value


class ProcessCopy(Generic[Value]):
    """`read()`'s value, reused by this process for STORE_SETTINGS_CACHE_SECONDS. Callers must not change it."""

    def __init__(self, read: Callable[[], Value]) -> None:
        self.read = read
        self._held: tuple[float, Value] | None = None
        _COPIES.append(self)

    def get(self) -> Value:
        seconds = settings.STORE_SETTINGS_CACHE_SECONDS
        held = self._held
        if seconds <= 0 or held is None or time.monotonic() >= held[0]:
            held = self._held = (time.monotonic() + seconds, self.read())
        return held[1]

    def forget(self, **kwargs: Any) -> None:
        """Read again next time (a signal receiver)."""
        self._held = None
        _forgotten[0] += 1

    def watch(self, *models: type) -> None:
        """Forget the value whenever this process saves or deletes a row of `models`."""
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(self.forget, sender=model, dispatch_uid=f"{id(self)}-{model.__name__}-{id(signal)}")


class KeyedProcessCopy(ProcessCopy[Value]):
    """`read(key)`'s value per key (a category page's row by slug), reused like a ProcessCopy; a watched write
    forgets every key. Misses (None) are not kept, and at most MAX_KEYS are, so unknown keys cannot grow it."""

    MAX_KEYS = 1000

    def __init__(self, read: Callable[[Any], Value | None]) -> None:
        super().__init__(read)
        self._by_key: dict[Any, tuple[float, Value]] = {}

    def get(self, key: Any = None) -> Value | None:  # type: ignore[override]
        seconds = settings.STORE_SETTINGS_CACHE_SECONDS
        held = self._by_key.get(key)
        if seconds > 0 and held is not None and time.monotonic() < held[0]:
            return held[1]
        value = self.read(key)
        if seconds > 0 and value is not None:
            if len(self._by_key) >= self.MAX_KEYS:
                self._by_key = {}
            self._by_key[key] = (time.monotonic() + seconds, value)
        return value

    def forget(self, **kwargs: Any) -> None:
        self._by_key = {}
        _forgotten[0] += 1


def generation() -> int:
    """A number that changes whenever a copy of this process forgets its value (a watched row was written)."""
    return _forgotten[0]


def good_until() -> float:
    """The monotonic time until which every current value the plain copies (not keyed ones) hold may be shown: what
    is made of them (chrome_tags' fragments) may be kept that long without showing anything older than they
    may be. A value past its time is not counted: whatever uses it reads it again."""
    now = time.monotonic()
    held = (copy._held for copy in _COPIES if not isinstance(copy, KeyedProcessCopy))
    return min((until for until, _ in filter(None, held) if until > now), default=float("inf"))
