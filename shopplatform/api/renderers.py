"""The API's JSON renderer: DRF's JSONRenderer output, byte for byte, written by orjson (several times faster).

Same bytes as DRF with the project's settings (UTF-8, compact separators, `\\u2028`/`\\u2029` escaped so the body
is also valid JavaScript); values orjson does not know (Decimal, lazy strings, UUIDs) go through DRF's encoder.
DRF's renderer still writes a body with an `indent` (`Accept: application/json; indent=4`) and one where orjson
may have spelled a float differently: below 1e-4 Python writes `9.9e-05` and orjson `0.000099` (large floats are
spelled alike). One difference is kept: a NaN or infinite float, which DRF refuses (500), is written as null.

Data may hold `orjson.Fragment`s, JSON this renderer wrote earlier (catalog.documents stores product bodies so):
orjson splices them in; the paths that hand over to DRF's renderer first read the whole body back into values. A
fragment is already DRF's bytes for its values, so only the rest is checked: a page of 25 stored bodies (83 kB)
took 178 µs to scan for tiny floats and line separators, and its envelope takes a few.
"""

import re

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))
ANY_LINE_SEPARATOR = re.compile(b"\xe2\x80[\xa8\xa9]")  # one scan for both (twice as fast as two `in`)
OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
# A float under 1e-4 as orjson spells it (`0.000099`, `1e-7`), or text that looks like one: then DRF's renderer
# writes the body. Two patterns that start with a literal, which `re` scans for quickly.
TINY_FLOATS = (re.compile(rb"\.0000[0-9]"), re.compile(rb"e-[0-9]"))
_encoder = JSONEncoder()


class FastJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        try:
            body = orjson.dumps(data, default=_encoder.default, option=OPTIONS)
        except TypeError:  # a value neither orjson nor DRF's encoder knows: DRF's renderer reports it
            return super().render(data, accepted_media_type, renderer_context)
        indented = self.get_indent(accepted_media_type, renderer_context or {}) is not None
        checked = _without_fragments(data)
        probe = body if checked is data else orjson.dumps(checked, default=_encoder.default, option=OPTIONS)
        if indented or any(pattern.search(probe) for pattern in TINY_FLOATS):
            return super().render(orjson.loads(body), accepted_media_type, renderer_context)
        if ANY_LINE_SEPARATOR.search(probe):
            for raw, escaped in LINE_SEPARATORS:
                body = body.replace(raw, escaped)
        return body


def _without_fragments(data):
    """`data` without the fragments at its top or in its top-level lists (a page's `results`), which need no check;
    `data` itself when it has none there. Deeper fragments stay in, and are checked with the rest."""
    if isinstance(data, orjson.Fragment):
        return None
    if not isinstance(data, dict):
        return data
    stored = {
        name
        for name, value in data.items()
        if isinstance(value, list) and value and isinstance(value[0], orjson.Fragment)
    }
    if not stored:
        return data
    return {
        name: [item for item in value if not isinstance(item, orjson.Fragment)] if name in stored else value
        for name, value in data.items()
    }
