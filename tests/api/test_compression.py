"""Text responses are gzipped at level 1 for clients that accept it, padded against BREACH; nothing else is."""

import gzip

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from shopplatform.api.compression import TextGZipMiddleware

BODY = b'{"data": [' + b", ".join(b'{"id": "prod_%d", "title": "Blue vase"}' % n for n in range(200)) + b"]}"


def answer(response, *, accept: str = "gzip, deflate, br"):
    request = RequestFactory().get("/api/v1/products", headers={"accept-encoding": accept} if accept else {})
    return TextGZipMiddleware(lambda request: response)(request)


def padding(compressed: bytes) -> bytes:
    """The random file name the gzip header carries (FNAME flag set)."""
    assert compressed[3] & gzip.FNAME
    return compressed[10 : compressed.index(b"\x00", 10)]


def test_a_text_body_is_gzipped_at_the_fastest_level_with_a_random_name_as_padding():
    response = answer(HttpResponse(BODY, content_type="application/json"))

    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    assert gzip.decompress(response.content) == BODY
    name = padding(response.content)
    assert 1 <= len(name) <= TextGZipMiddleware.max_random_bytes and name.isalnum()
    deflated = gzip.compress(BODY, compresslevel=1, mtime=0)[10:]  # level 6 compresses this smaller
    assert response.content.endswith(deflated) and len(response.content) == 10 + len(name) + 1 + len(deflated)
    assert int(response["Content-Length"]) == len(response.content)


def test_the_padding_differs_between_responses():
    names = {padding(answer(HttpResponse(BODY, content_type="text/html")).content) for _ in range(20)}

    assert len(names) > 1


def test_a_strong_etag_becomes_weak_and_a_client_without_gzip_gets_the_body_as_it_is():
    response = HttpResponse(BODY, content_type="application/json")
    response["ETag"] = '"v1"'

    assert answer(response)["ETag"] == 'W/"v1"'
    plain = answer(HttpResponse(BODY, content_type="application/json"), accept="")
    assert plain.content == BODY and not plain.has_header("Content-Encoding")
    assert plain["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(b"\x89PNG" + BODY, content_type="image/png"),  # compressed already
        HttpResponse(b'{"ok": true}', content_type="application/json"),  # too short to gain
    ],
    ids=["image", "short"],
)
def test_images_and_short_bodies_go_as_they_are(response):
    body = response.content

    answered = answer(response)

    assert answered.content == body and not answered.has_header("Content-Encoding")


def test_a_streamed_text_body_is_gzipped_as_it_streams():
    response = answer(StreamingHttpResponse(iter([BODY[:500], BODY[500:]]), content_type="text/csv"))

    assert response["Content-Encoding"] == "gzip" and not response.has_header("Content-Length")
    assert gzip.decompress(b"".join(response.streaming_content)) == BODY
