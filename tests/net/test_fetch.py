"""Fetching through the SSRF-safe client against a real loopback server."""

import gzip
import time

import pytest

from shopplatform import net

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


def test_allowed_request_returns_status_headers_and_body(local_server, private_urls_allowed):
    local_server.routes["/ok"] = lambda request: (200, {"X-Test": "yes"}, b"hello")

    response = net.safe_request("GET", local_server.url("/ok"))

    assert (response.status_code, response.content, response.headers["X-Test"]) == (200, b"hello", "yes")


def test_post_sends_headers_and_body(local_server, private_urls_allowed):
    local_server.routes["/in"] = lambda request: (204, {}, b"")

    net.safe_request("POST", local_server.url("/in"), headers={"X-Sig": "abc"}, data=b'{"a":1}')

    received = local_server.requests[0]
    assert (received.method, received.body, received.headers["X-Sig"]) == ("POST", b'{"a":1}', "abc")


def test_loopback_server_is_refused_without_the_setting(local_server):
    with pytest.raises(net.UnsafeUrl):
        net.safe_request("GET", local_server.url("/ok"))

    assert local_server.requests == []


def test_redirect_to_a_private_address_is_refused(local_server, private_urls_allowed):
    def first_hop(request):
        # The first hop was allowed; from here on private addresses are not, so the redirect must be refused.
        private_urls_allowed.SHOP_ALLOW_PRIVATE_URLS = False
        return 302, {"Location": local_server.url("/internal")}, b""

    local_server.routes["/hop"] = first_hop
    local_server.routes["/internal"] = lambda request: (200, {}, b"secret")

    with pytest.raises(net.UnsafeUrl):
        net.safe_request("GET", local_server.url("/hop"), allow_redirects=True)

    assert [request.path for request in local_server.requests] == ["/hop"]


def test_redirect_to_a_non_http_scheme_is_refused(local_server, private_urls_allowed):
    local_server.routes["/hop"] = lambda request: (302, {"Location": "file:///etc/passwd"}, b"")

    with pytest.raises(net.UnsafeUrl):
        net.safe_request("GET", local_server.url("/hop"), allow_redirects=True)


def test_redirects_are_followed_when_allowed(local_server, private_urls_allowed):
    local_server.routes["/hop"] = lambda request: (302, {"Location": "/target"}, b"")
    local_server.routes["/target"] = lambda request: (200, {}, b"arrived")

    response = net.safe_request("GET", local_server.url("/hop"), allow_redirects=True)

    assert (response.content, response.url) == (b"arrived", local_server.url("/target"))


def test_redirects_are_returned_unfollowed_by_default(local_server, private_urls_allowed):
    local_server.routes["/hop"] = lambda request: (302, {"Location": "/target"}, b"")

    response = net.safe_request("POST", local_server.url("/hop"), data=b"{}")

    assert response.status_code == 302
    assert [request.path for request in local_server.requests] == ["/hop"]


def test_too_many_redirects_are_refused(local_server, private_urls_allowed):
    local_server.routes["/loop"] = lambda request: (302, {"Location": "/loop"}, b"")

    with pytest.raises(net.TooManyRedirects):
        net.safe_request("GET", local_server.url("/loop"), allow_redirects=True, max_redirects=2)

    assert len(local_server.requests) == 3


def test_declared_oversize_response_is_refused(local_server, private_urls_allowed):
    local_server.routes["/big"] = lambda request: (200, {}, b"x" * 2000)

    with pytest.raises(net.ResponseTooLarge) as refused:
        net.safe_request("GET", local_server.url("/big"), max_bytes=1000)

    assert refused.value.status == 413
    assert str(refused.value.detail) == "The response declares 2000 bytes; the limit is 1000."


def test_a_response_of_exactly_the_limit_is_read_whole(local_server, private_urls_allowed):
    local_server.routes["/fits"] = lambda request: (200, {}, b"x" * 1000)

    response = net.safe_request("GET", local_server.url("/fits"), max_bytes=1000)

    assert response.content == b"x" * 1000


def test_streamed_oversize_response_is_cut_off(local_server, private_urls_allowed):
    def chunked(request):
        handler = request.handler
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for _ in range(20):
            handler.wfile.write(b"3e8\r\n" + b"y" * 1000 + b"\r\n")
        handler.wfile.write(b"0\r\n\r\n")

    local_server.routes["/stream"] = chunked

    with pytest.raises(net.ResponseTooLarge):
        net.safe_request("GET", local_server.url("/stream"), max_bytes=5000)


def test_decompressed_size_counts_against_the_cap(local_server, private_urls_allowed):
    bomb = gzip.compress(b"\0" * 5_000_000)
    local_server.routes["/bomb"] = lambda request: (200, {"Content-Encoding": "gzip"}, bomb)

    with pytest.raises(net.ResponseTooLarge):
        net.safe_request("GET", local_server.url("/bomb"), max_bytes=1_000_000)


def test_slow_answer_times_out(local_server, private_urls_allowed):
    def slow(request):
        time.sleep(1.5)
        return 200, {}, b"late"

    local_server.routes["/slow"] = slow

    with pytest.raises(net.FetchTimeout) as refused:
        net.safe_request("GET", local_server.url("/slow"), timeout=0.5)

    assert refused.value.status == 504


def test_dripping_body_stops_at_the_overall_deadline(local_server, private_urls_allowed):
    def drip(request):
        handler = request.handler
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"z")
            handler.wfile.flush()
            time.sleep(0.05)

    local_server.routes["/drip"] = drip
    started = time.monotonic()

    with pytest.raises(net.FetchTimeout) as refused:
        net.safe_request("GET", local_server.url("/drip"), timeout=1)

    assert time.monotonic() - started < 2
    assert str(refused.value.detail) == "The response took too long to read."


def test_closed_port_is_a_fetch_failure(private_urls_allowed):
    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", "http://127.0.0.1:9/", timeout=2)

    assert failed.value.code == "fetch_failed"


def test_proxy_variables_from_the_environment_are_ignored(local_server, private_urls_allowed, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    local_server.routes["/ok"] = lambda request: (200, {}, b"direct")

    assert net.safe_request("GET", local_server.url("/ok")).content == b"direct"


def test_truncate_keeps_the_first_bytes_instead_of_refusing(local_server, private_urls_allowed):
    local_server.routes["/big"] = lambda request: (200, {}, b"a" * 100 + b"b" * 5000)

    response = net.safe_request("GET", local_server.url("/big"), max_bytes=100, truncate=True)

    assert (response.status_code, response.content) == (200, b"a" * 100)
