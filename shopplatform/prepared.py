"""ORM queries compiled to SQL once per process, then run with new values: for the hottest reads only.

Building a queryset, cloning it through a chain of filters and compiling it to SQL took longer than PostgreSQL took
to answer a product detail or a page of keys (about 4 ms of Python against 1 ms of SQL). A `PreparedQuery` keeps
the query written with the ORM, so the model's lookups, joins and partial-index conditions stay the single source
of the SQL, and compiles it once per database connection alias: `build(slots)` returns the queryset with a slot
standing where each varying value goes, and `rows(**values)` runs the compiled SQL with the values in the slots'
places. A list value (`slots.numbers`) compiles once per length. Only plain value comparisons can take a slot: a
lookup that rewrites its value (`icontains` wraps it in `%`) would not find it, and preparing says so.

`instances(**values)` runs a model query (with its `select_related` joins, `select_for_update` included) and builds
its model instances as iterating the queryset would, from the compiled statement's columns.

`PreparedUpdate` does the same for the hottest writes: `build(slots)` returns the queryset and the changes
`queryset.update(**changes)` would make, and `run(**values)` executes the compiled UPDATE (building and compiling
the stock claim's filter and F() arithmetic took four times its execution). Compare an integer column with a slot
through `Value(slot)`: Django settles a plain value outside the column's range (as the stand-ins are) without SQL.

`insert(*rows)` inserts new rows as `save(force_insert=True)` does, from an INSERT compiled once per model and
number of rows (checkout's carts, lines, order, status change and event).
"""

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, transaction
from django.db.models import Model, QuerySet, signals
from django.db.models.query import get_related_populators
from django.db.models.sql import InsertQuery, UpdateQuery

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

    def number(self, name: str) -> int:
        stand_in = _FIRST_NUMBER - len(self.names)
        self.names[stand_in] = (name, None)
        return stand_in

    def numbers(self, name: str) -> list[int]:
        """As many stand-ins as the value of `name` will have items (`rows(name=[...])`)."""
        stand_ins = [_FIRST_NUMBER - len(self.names) - index for index in range(self.lengths[name])]
        for index, stand_in in enumerate(stand_ins):
            self.names[stand_in] = (name, index)
        return stand_ins


class _Instances:
    """What iterating a model queryset does with its rows (django.db.models.query.ModelIterable), set up once from
    the compiler that compiled it: the columns of the model, the related objects' populators, the converters."""

    def __init__(self, compiler, using: str) -> None:
        select, klass_info = compiler.select, compiler.klass_info
        if klass_info is None:
            raise ValueError("instances() needs a model query, not values()")
        self.compiler, self.using, self.model = compiler, using, klass_info["model"]
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1]
        self.columns = slice(first, last + 1)
        self.attnames = [column[0].target.attname for column in select[self.columns]]
        self.populators = get_related_populators(klass_info, select, using)
        self.converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
        self.annotations = list(compiler.annotation_col_map.items())  # (attribute, column), set on each instance

    def build(self, rows: list[tuple]) -> list[Model]:
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        built = []
        for row in rows:
            instance = self.model.from_db(self.using, self.attnames, row[self.columns])
            for populator in self.populators:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            built.append(instance)
        return built


class _Prepared:
    """A statement built by `build(slots)` and compiled once per alias and shape (the lengths of its lists)."""

    def __init__(self, build: Callable[[Slots], Any], *, using: str = "default") -> None:
        self.build = build
        self.using = using
        self._compiled: dict[tuple, tuple[str, list, Any]] = {}

    def sql(self, **values: Any) -> tuple[str, list]:
        """The SQL and its parameters for `values` (the compiled text is shared; the parameters are new)."""
        _, (text, places, _) = self._compiled_for(values)
        return text, [place(values) for place in places]

    def _compiled_for(self, values: dict) -> tuple[tuple, tuple[str, list, Any]]:
        lengths = {name: len(value) for name, value in values.items() if isinstance(value, list | tuple)}
        shape = tuple(sorted(lengths.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(lengths)
        return shape, compiled

    def _compiler(self, slots: Slots):
        raise NotImplementedError

    def _compile(self, lengths: dict[str, int]) -> tuple[str, list, Any]:
        slots = Slots(lengths)
        compiler = self._compiler(slots)
        text, params = compiler.as_sql()
        places: list[Callable | None] = []  # None: a constant of the query, not a slot
        found = set()
        for param in params:
            slot = slots.names.get(param) if isinstance(param, str | int) else None
            if slot is None:
                places.append(None)
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
        if connections[self.using].vendor == "postgresql":
            return (*_constants_inlined(text, params, places, connections[self.using]), compiler)
        constant = [place or (lambda values, param=param: param) for param, place in zip(params, places, strict=True)]
        return text, constant, compiler


class PreparedQuery(_Prepared):
    """`build(slots)`'s query, compiled once per alias and shape: `rows(**values)` runs a values_list() query,
    `instances(**values)` a model query."""

    def __init__(self, build: Callable[[Slots], QuerySet], *, using: str = "default") -> None:
        super().__init__(build, using=using)
        self._instances: dict[tuple, _Instances] = {}

    def instances(self, **values: Any) -> list[Model]:
        """The model instances for `values`, as `list(build(...))` would give them."""
        shape, (text, places, compiler) = self._compiled_for(values)
        maker = self._instances.get(shape)
        if maker is None:
            maker = self._instances[shape] = _Instances(compiler, self.using)
        with connections[self.using].cursor() as cursor:
            cursor.execute(text, [place(values) for place in places])
            return maker.build(cursor.fetchall())

    def rows(self, suffix: str = "", suffix_params: Sequence = (), **values: Any) -> list[tuple]:
        """The rows for `values`; `suffix` is appended to the SQL (a LIMIT/OFFSET with its own parameters)."""
        text, params = self.sql(**values)
        with connections[self.using].cursor() as cursor:
            cursor.execute(text + suffix, [*params, *suffix_params])
            return cursor.fetchall()

    def keys(self, window: slice, **values: Any) -> list:
        """The first column of the rows in `window` (a page: `rows` with LIMIT and OFFSET; the LIMIT is written in
        the SQL, see `_constants_inlined`)."""
        limit = int(window.stop - window.start)
        return [row[0] for row in self.rows(f" LIMIT {limit} OFFSET %s", (window.start,), **values)]

    def _compiler(self, slots: Slots):
        return self.build(slots).query.get_compiler(self.using)


class PreparedUpdate(_Prepared):
    """`build(slots)`'s update of one table, `(queryset, changes)` as `queryset.update(**changes)` takes them,
    compiled once per alias and shape: `run(**values)` makes it and returns the rows it changed, or with
    `returning` (column names) the changed rows' values of those columns."""

    def __init__(
        self, build: Callable[[Slots], tuple[QuerySet, dict]], *, returning: Sequence[str] = (), using: str = "default"
    ) -> None:
        super().__init__(build, using=using)
        self.returning = tuple(returning)

    def run(self, **values: Any) -> int | list[tuple]:
        _, (text, places, compiler) = self._compiled_for(values)
        # As QuerySet.update(): an error inside an atomic block marks it for rollback.
        with transaction.mark_for_rollback_on_error(using=self.using), connections[self.using].cursor() as cursor:
            cursor.execute(text, [place(values) for place in places])
            return compiler.converted(cursor.fetchall()) if self.returning else cursor.rowcount

    def _compiler(self, slots: Slots):
        queryset, changes = self.build(slots)
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values(changes)
        query.clear_select_clause()
        compiler = query.get_compiler(self.using)
        if query.related_updates or query.count_active_tables() > 1:
            raise ValueError("a prepared update changes one table, filtered by its own columns")
        if self.returning:
            compiler = _Returning(compiler, self.returning)
        return compiler


class _Returning:
    """An update compiler whose SQL ends with `RETURNING` the named columns of the updated table, and which
    converts the values returned as a query of those fields would (a datetime on SQLite arrives as text)."""

    def __init__(self, compiler, columns: tuple[str, ...]) -> None:
        self.compiler, self.columns = compiler, columns
        meta = compiler.query.get_meta()
        self.converters = compiler.get_converters([meta.get_field(name).get_col(meta.db_table) for name in columns])

    def converted(self, rows: list[tuple]) -> list[tuple]:
        if not self.converters:
            return rows
        return [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]

    def as_sql(self) -> tuple[str, tuple]:
        text, params = self.compiler.as_sql()
        meta, quote = self.compiler.query.get_meta(), self.compiler.quote_name_unless_alias
        names = ", ".join(f"{quote(meta.db_table)}.{quote(meta.get_field(name).column)}" for name in self.columns)
        return f"{text} RETURNING {names}", params


_PLACEHOLDER = re.compile(r"%%|%s")


def constants_written_in(text: str, params: Sequence, connection) -> str:
    """`text` with every parameter written in as a literal: SQL whose values are all the query's own constants
    (see `_constants_inlined`)."""
    return _constants_inlined(text, list(params), [None] * len(params), connection)[0]


def _constants_inlined(text: str, params: list, places: list, connection) -> tuple[str, list]:
    """The compiled SQL with its constants (the query's own values, such as the statuses of the visibility rule)
    written in as literals, and the places of the slots only.

    PostgreSQL plans a prepared statement for its parameters' values five times, then keeps one generic plan if
    that plan looks no dearer. A constant sent as a parameter is unknown to the generic plan: it cannot match a
    partial index whose condition names it (`product_public_*`), so it never looks cheaper, and every run is planned
    again (0.3-0.6 ms for a page of keys, more than its execution). Written in, it lets the plan be made once.
    """
    arguments = iter(zip(params, places, strict=True))
    kept = []

    def placed(match: re.Match) -> str:
        if match.group() == "%%":
            return "%%"
        param, place = next(arguments)
        if place is None:
            return connection.ops.compose_sql("%s", [param]).replace("%", "%%")  # quoted as Django quotes values
        kept.append(place)
        return "%s"

    return _PLACEHOLDER.sub(placed, text), kept


_INSERTS: dict[tuple, tuple[str, bool]] = {}


@functools.cache
def _insertable(model: type[Model], using: str) -> bool:
    meta = model._meta
    return (
        model.save is Model.save
        and not meta.parents
        and list(meta.db_returning_fields) == [meta.pk]
        and connections[using].features.can_return_columns_from_insert
        and not any(hasattr(field, "get_placeholder") for field in meta.local_concrete_fields)
    )


def insertable(*instances: Model, using: str = "default") -> bool:
    """Whether `insert` inserts these rows itself (else it leaves them to `save()`)."""
    model = type(instances[0])
    fields = model._meta.local_concrete_fields
    return (
        _insertable(model, using)
        and (len(instances) == 1 or connections[using].features.can_return_rows_from_bulk_insert)
        and not any(
            type(instance) is not model
            or any(hasattr(getattr(instance, field.attname), "resolve_expression") for field in fields)
            for instance in instances
        )
    )


def insert_or_save(instance: Model, *, using: str = "default") -> None:
    """`insert(instance)` for a new row, `instance.save()` for a stored one."""
    if instance._state.adding:
        insert(instance, using=using)
    else:
        instance.save(using=using)


def insert(*instances: Model, using: str = "default", wrap: Callable | None = None, extra: Sequence = ()) -> None:
    """Insert new rows of one model, in one statement, as `save(force_insert=True, using=using)` inserts each: its
    related objects checked, `pre_save` and `post_save` sent, the field values prepared by their fields, the
    primary key read back, an error marking the atomic block for rollback. The INSERT is compiled once per model,
    alias, number of rows and whether the keys are given (Django compiles it on every save: a third of inserting a
    cart).

    Rows this cannot insert exactly as `save()` does are saved by it, one by one: a model with its own `save()`,
    parents, columns the database fills in or fields with their own placeholders, and an instance holding an
    expression.

    `wrap(model, using, text)`, when given, returns the statement that runs in place of the INSERT `text` (built
    once, with it), taking the `extra` parameters after the INSERT's and answering the new keys in order as the
    INSERT's RETURNING does: how a row and its first history version go in one statement (shopplatform.history).
    It must not be given for rows `save()` would insert.
    """
    if not instances:
        return
    model, meta = type(instances[0]), instances[0]._meta
    connection = connections[using]
    if not insertable(*instances, using=using):
        if wrap is not None:
            raise ValueError(f"{model.__name__} rows are inserted by save(), which cannot be wrapped")
        for instance in instances:
            instance.save(force_insert=True, using=using)
        return
    for instance in instances:
        instance._prepare_related_fields_for_save(operation_name="save")
        signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
        if instance.pk is None:
            instance.pk = meta.pk.get_pk_value_on_save(instance)
    given = {instance.pk is not None for instance in instances}
    if len(given) != 1:
        raise ValueError("insert rows whose keys are all given, or none")
    given = given.pop()
    fields = [field for field in meta.local_concrete_fields if given or field is not meta.auto_field]
    compiled = _INSERTS.get((model, using, given, len(instances), wrap))
    if compiled is None:
        query = InsertQuery(model)
        query.insert_values(fields, list(instances))
        compiler = query.get_compiler(using)
        compiler.returning_fields = [meta.pk]
        ((text, params),) = compiler.as_sql()
        # PostgreSQL takes several rows as one array per column (`UNNEST`), others a value per field and row.
        by_column = len(instances) > 1 and len(params) == len(fields)
        if wrap is not None:
            text = wrap(model, using, text)
        compiled = _INSERTS[model, using, given, len(instances), wrap] = (text, by_column)
    text, by_column = compiled
    rows = [
        [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
        for instance in instances
    ]
    params = (
        [list(column) for column in zip(*rows, strict=True)] if by_column else [value for row in rows for value in row]
    )
    with transaction.mark_for_rollback_on_error(using=using), connection.cursor() as cursor:
        cursor.execute(text, [*params, *extra])
        keys = cursor.fetchall()
    for instance, (pk,) in zip(instances, keys, strict=True):
        instance.pk = pk
        instance._state.db, instance._state.adding = using, False
        signals.post_save.send(
            sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
        )
