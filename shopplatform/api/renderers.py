"""The API's JSON renderer: DRF's JSONRenderer output, byte for byte, written by orjson (several times faster).

Same bytes as DRF with the project's settings (UTF-8, compact separators, `\\u2028`/`\\u2029` escaped so the body
is also valid JavaScript); values orjson does not know (Decimal, lazy strings, UUIDs) go through DRF's encoder.
DRF's renderer still writes a body with an `indent` (`Accept: application/json; indent=4`) and one where orjson
may have spelled a float differently: below 1e-4 Python writes `9.9e-05` and orjson `0.000099` (large floats are
spelled alike). One difference is kept: a NaN or infinite float, which DRF refuses (500), is written as null.

Data may hold `orjson.Fragment`s, JSON this renderer wrote earlier (catalog.documents stores product bodies so):
orjson splices them in; the paths that hand over to DRF's renderer first read the whole body back into values.
"""

import re

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))
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
        if indented or any(pattern.search(body) for pattern in TINY_FLOATS):
            return super().render(orjson.loads(body), accepted_media_type, renderer_context)
        for raw, escaped in LINE_SEPARATORS:
            if raw in body:
                body = body.replace(raw, escaped)
        return body
