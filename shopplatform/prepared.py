"""ORM queries compiled to SQL once per process, then run with new values: for the hottest reads only.

Building a queryset, cloning it through a chain of filters and compiling it to SQL took longer than PostgreSQL took
to answer a product detail or a page of keys (about 4 ms of Python against 1 ms of SQL). A `PreparedQuery` keeps
the query written with the ORM, so the model's lookups, joins and partial-index conditions stay the single source
of the SQL, and compiles it once per database connection alias: `build(slots)` returns the queryset with a slot
standing where each varying value goes, and `rows(**values)` runs the compiled SQL with the values in the slots'
places. A list value (`slots.numbers`) compiles once per length. Only plain value comparisons can take a slot: a
lookup that rewrites its value (`icontains` wraps it in `%`) would not find it, and preparing says so.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Stand-ins compiled into the SQL: no stored text contains NUL, and no key is this negative.
_TEXT = "\x00slot:{}\x00"
_FIRST_NUMBER = -(2**62)


class Slots:
    """The stand-ins a `build` function puts where values go; each remembers which value it stands for."""

    def __init__(self, lengths: dict[str, int]) -> None:
        self.lengths = lengths
        self.names: dict[Any, tuple[str, int | None]] = {}

    def text(self, name: str) -> str:
        stand_in = _TEXT.format(name)
        self.names[stand_in] = (name, None)
        return stand_in

    def numbers(self, name: str) -> list[int]:
        """As many stand-ins as the value of `name` will have items (`rows(name=[...])`)."""
        stand_ins = [_FIRST_NUMBER - len(self.names) - index for index in range(self.lengths[name])]
        for index, stand_in in enumerate(stand_ins):
            self.names[stand_in] = (name, index)
        return stand_ins


class PreparedQuery:
    """`build(slots)`'s values_list() query, compiled once per alias and shape, run by `rows(**values)`."""

    def __init__(self, build: Callable[[Slots], QuerySet], *, using: str = "default") -> None:
        self.build = build
        self.using = using
        self._compiled: dict[tuple, tuple[str, list]] = {}

    def sql(self, **values: Any) -> tuple[str, list]:
        """The SQL and its parameters for `values` (the compiled text is shared; the parameters are new)."""
        lengths = {name: len(value) for name, value in values.items() if isinstance(value, list | tuple)}
        shape = tuple(sorted(lengths.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(lengths)
        text, places = compiled
        return text, [place(values) for place in places]

    def rows(self, suffix: str = "", suffix_params: Sequence = (), **values: Any) -> list[tuple]:
        """The rows for `values`; `suffix` is appended to the SQL (a LIMIT/OFFSET with its own parameters)."""
        text, params = self.sql(**values)
        with connections[self.using].cursor() as cursor:
            cursor.execute(text + suffix, [*params, *suffix_params])
            return cursor.fetchall()

    def keys(self, window: slice, **values: Any) -> list:
        """The first column of the rows in `window` (a page: `rows` with LIMIT and OFFSET)."""
        limit = window.stop - window.start
        return [row[0] for row in self.rows(" LIMIT %s OFFSET %s", (limit, window.start), **values)]

    def _compile(self, lengths: dict[str, int]) -> tuple[str, list]:
        slots = Slots(lengths)
        queryset = self.build(slots)
        text, params = queryset.query.get_compiler(self.using).as_sql()
        places, found = [], set()
        for param in params:
            slot = slots.names.get(param) if isinstance(param, str | int) else None
            if slot is None:
                places.append(lambda values, constant=param: constant)
                continue
            found.add(slot)
            name, index = slot
            places.append(
                (lambda values, name=name: values[name])
                if index is None
                else (lambda values, name=name, index=index: values[name][index])
            )
        missing = set(slots.names.values()) - found
        if missing:
            raise ValueError(f"slots not found as parameters of the compiled query: {sorted(missing)}")
        return text, places
