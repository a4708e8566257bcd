"""Strict input: every name in a request must mean something to the endpoint (Stripe's rule).

Query strings: a parameter the view does not read (its filters, its declared `query_parameters`, or the list
machinery's own `MACHINERY_PARAMETERS`) → 400 `unknown_parameter`.

Bodies: `StrictInput` is the base of every input serializer. Before DRF validates, the root input walks the body
against its field tree (nested serializers and lists of them included) and sorts each name it does not accept:
- a name of what GET returns for the object being changed (`id`, `created_at`, `price_formatted` …) is accepted
  when its value equals the stored one, so a GET body can be sent back, and refused as 400 `read_only_field`
  when it differs; on a create there is no stored value, so such a name is refused;
- any other name → 400 `unknown_field`, whose message names ours when it is a seed's name for one of our fields.
Numbers sent as text must be ASCII digits (`"1_0"` or Arabic-Indic digits are refused), for integer and decimal
fields alike.

The view being served is kept in `current_view` (set by ShopAPIMixin), so inputs built inside views need no extra
arguments to find the stored representation.
"""

from collections.abc import Mapping
from contextvars import ContextVar

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.utils import encoders, json

from shopplatform.errors import register_problem
from shopplatform.money import DECIMAL_TEXT

from .renames import our_name_for
from .serializers import Serializer

STRICT_INPUT_CODES = {
    "unknown_field": ("Unknown field", "The body holds a name this endpoint does not take; the message names ours."),
    "unknown_parameter": ("Unknown query parameter", "The query string holds a parameter this endpoint does not read."),
    "read_only_field": ("Read-only field", "A field the server sets was sent with a value other than the stored one."),
}
for _code, (_title, _text) in STRICT_INPUT_CODES.items():
    register_problem(_code, _title, _text)

current_view: ContextVar = ContextVar("current_view", default=None)

# Read by the pagination classes, DRF's format suffix and ordering filters: known on every endpoint.
MACHINERY_PARAMETERS = frozenset({"page", "limit", "starting_after", "ending_before", "ordering", "format"})
NUMBER_FIELDS = (serializers.IntegerField, serializers.DecimalField, serializers.FloatField)


class StrictInputError(ValidationError):
    """A 400 whose problem code is the code of its first error (`unknown_field`, `read_only_field` …)."""

    problem_title = "Invalid request"

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        super().__init__({path: [ErrorDetail(message, code=code)] for path, code, message in problems})
        self.problem_code = problems[0][1]
        self.param = problems[0][0]


def refuse_unknown_query_parameters(request, known: set[str]) -> None:
    """Raise StrictInputError naming each query parameter not in `known`."""
    problems = []
    for name in request.query_params:
        if name in known:
            continue
        ours = our_name_for(name, known)
        hint = f"`{name}` is `{ours}` here." if ours else f"`{name}` is not a query parameter of this endpoint."
        problems.append((name, "unknown_parameter", hint))
    if problems:
        raise StrictInputError(problems)


class StrictInput(Serializer):
    """Base of input serializers: unknown and changed read-only names are refused before validation."""

    def run_validation(self, data=serializers.empty):
        if not any(isinstance(parent, StrictInput) for parent in _ancestors(self)):
            problems = unexpected_names(self, data, STORED, path="")
            if problems:
                raise StrictInputError(problems)
        return super().run_validation(data)


def _ancestors(field):
    parent = field.parent
    while parent is not None:
        yield parent
        parent = parent.parent


class _Stored:
    """The root's stored value, fetched only when a name needs comparing (most bodies have none to compare)."""


STORED = _Stored()


def stored_representation():
    """What GET returns for the object the current request changes, as JSON values; None on a create."""
    view = current_view.get()
    if view is None:
        return None
    if not hasattr(view, "_stored_representation"):
        view._stored_representation = view.stored_representation()
    return view._stored_representation


def output_names() -> frozenset[str]:
    view = current_view.get()
    return view.output_field_names() if view is not None else frozenset()


def unexpected_names(serializer, data, stored, *, path: str) -> list[tuple[str, str, str]]:
    """(path, code, message) for each name in `data` that `serializer` does not accept."""
    if not isinstance(data, Mapping):
        return []
    fields = serializer.fields
    writable = {name for name, field in fields.items() if not field.read_only}
    derived = set(getattr(serializer, "derived_fields", ()))
    problems = []
    for name, value in data.items():
        name = str(name)
        where = f"{path}.{name}" if path else name
        if name in writable:
            problems += _inside(fields[name], value, _child(stored, name), where)
        elif name not in derived:
            problem = _classify(name, value, stored, where, writable, top_level=not path)
            if problem:
                problems.append(problem)
    return problems


def _inside(field, value, stored, where: str) -> list:
    if isinstance(field, serializers.ListSerializer) or (
        isinstance(field, serializers.ListField) and isinstance(field.child, serializers.Serializer)
    ):
        if not isinstance(value, list):
            return []
        return [
            problem
            for index, item in enumerate(value)
            for problem in unexpected_names(field.child, item, _child(stored, index), path=f"{where}.{index}")
        ]
    if isinstance(field, serializers.Serializer):
        return unexpected_names(field, value, stored, path=where)
    if isinstance(field, NUMBER_FIELDS) and isinstance(value, str) and not DECIMAL_TEXT.fullmatch(value.strip()):
        return [(where, "invalid", "Send a number of ASCII digits (an optional sign and decimal point).")]
    return []


def _child(stored, key):
    if stored is STORED:
        stored = stored_representation()
    if isinstance(stored, Mapping):
        return stored.get(key)
    if isinstance(stored, list) and isinstance(key, int) and key < len(stored):
        return stored[key]
    return None


def _classify(name: str, value, stored, where: str, writable: set[str], *, top_level: bool):
    if stored is STORED:
        stored = stored_representation()
    if isinstance(stored, Mapping) and name in stored:
        if _same(value, stored[name]):
            return None
        return (where, "read_only_field", f"`{name}` is read-only: send the value GET returns, or leave it out.")
    if stored is None and top_level and name in output_names():
        return (where, "read_only_field", f"`{name}` is set by the server: leave it out.")
    ours = our_name_for(name, writable)
    hint = f"`{name}` is `{ours}` here." if ours else f"`{name}` is not a field of this request."
    return (where, "unknown_field", hint)


def _same(sent, stored) -> bool:
    # JSON true is not the number 1, though Python compares them equal.
    return isinstance(sent, bool) == isinstance(stored, bool) and sent == stored


def as_json_values(data):
    """A serializer's output as the plain values a client would read from the response."""
    return json.loads(json.dumps(data, cls=encoders.JSONEncoder))
