"""Gzip for text responses only: store pages, API JSON, feeds, at the fastest level.

Django's GZipMiddleware compresses every body, including digital downloads and images that are compressed
already, and a streamed file compressed on the fly loses its Content-Length. WhiteNoise, above this middleware,
serves static files pre-compressed.

A whole body is compressed at level 1 (`GZIP_LEVEL`, nginx's default), where Django's middleware uses 6: for an
83 kB API page of 25 products, 0.33 ms instead of 0.79 ms, 10.1 kB instead of 9.0 kB (docs/operations.md), a
tenth of a list request's time against a kilobyte on the wire. As Django's middleware does, random bytes pad each
compressed body (in the gzip header's file name), which mitigates BREACH for pages that carry a CSRF token.
Streamed bodies go through Django's middleware as they are.
"""

import gzip
import secrets

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

from shopplatform.ids import random_characters

GZIP_LEVEL = 1
SMALLEST_COMPRESSED = 200  # bytes: shorter bodies go as they are (Django's figure)


def is_text(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type.startswith("text/") or media_type.endswith(("json", "xml", "javascript"))


def compress(content: bytes, *, max_random_bytes: int) -> bytes:
    """`content` gzipped at GZIP_LEVEL, with 1 to `max_random_bytes` random letters as the member's file name."""
    compressed = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    padding = random_characters(secrets.randbelow(max_random_bytes) + 1).encode() + b"\x00"
    return bytes(header) + padding + compressed[10:]


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_text(response.get("Content-Type", "")):
            return response
        if response.streaming or len(response.content) < SMALLEST_COMPRESSED or response.has_header("Content-Encoding"):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = compress(response.content, max_random_bytes=self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # a strong ETag names the uncompressed bytes (RFC 9110, 8.8.1)
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
