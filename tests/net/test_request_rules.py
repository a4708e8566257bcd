"""The SSRF-safe client's refusals in words, its redirect rules and how it connects to a name with several
addresses, written against the mutation run of shopplatform/net.py (docs/testing.md)."""

import ipaddress
import socket
import time

import pytest

from shopplatform import net

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


@pytest.mark.parametrize(
    "address",
    [
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo: a tunnel to an IPv4 host the address hides
        "4000::1",  # IPv6 space reserved by the IETF, which Python does not count as private
    ],
)
def test_teredo_and_reserved_ipv6_addresses_are_not_public(address):
    assert net.is_public_address(ipaddress.ip_address(address)) is False


def refusal_of(call, *args, **kwargs) -> tuple[str, str | None]:
    with pytest.raises(net.UnsafeUrl) as refused:
        call(*args, **kwargs)
    return str(refused.value.detail), refused.value.param


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("http://a.example/" + "x" * 2032, "The URL must be a string of at most 2048 characters."),
        (b"http://a.example/", "The URL must be a string of at most 2048 characters."),
        ("http://[::1/", "The URL is malformed."),
        ("http://a.example:99999/", "The URL is malformed."),
        ("ftp://a.example/", "Only http and https URLs are allowed."),
        ("http:///path", "The URL has no host."),
        ("http://a.example:0/", "The URL's port is invalid."),
        ("http://10.0.0.1/", "The address 10.0.0.1 is not public."),
        ("http://[::1]/", "The address ::1 is not public."),
    ],
)
def test_a_refused_url_is_refused_in_words_naming_the_url_field(url, detail):
    assert refusal_of(net.check_url, url) == (detail, "url")


def test_a_plain_http_url_is_refused_when_https_is_required():
    assert refusal_of(net.check_url, "http://a.example/", require_https=True) == ("The URL must use https.", "url")


def test_a_url_of_exactly_2048_characters_is_accepted():
    url = "http://a.example/" + "x" * 2031

    assert net.check_url(url) == url


def test_the_checked_url_comes_back_without_surrounding_whitespace():
    assert net.check_url("  https://a.example/x \n") == "https://a.example/x"


def test_repeated_answers_are_connected_to_once_and_ipv6_zones_are_dropped(answers, settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = False
    answers["hooks.example"] = ["93.184.215.14", "93.184.215.14", "2606:4700::1111%eth0", "2606:4700::1111"]

    assert net.vetted_addresses("hooks.example", 443) == [
        (socket.AF_INET, "93.184.215.14"),
        (socket.AF_INET6, "2606:4700::1111"),
    ]


def test_a_bracketed_ipv6_host_is_looked_up_without_its_brackets(answers, settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = False
    answers["2606:4700::1111"] = ["2606:4700::1111"]

    assert net.vetted_addresses("[2606:4700::1111]", 443) == [(socket.AF_INET6, "2606:4700::1111")]


def test_a_name_with_one_private_answer_among_public_ones_is_refused_naming_it(answers, settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = False
    answers["mixed.example"] = ["93.184.215.14", "10.0.0.1"]

    assert refusal_of(net.vetted_addresses, "mixed.example", 443) == (
        "mixed.example resolves to 10.0.0.1, which is not a public address.",
        "url",
    )


def test_a_name_is_reached_on_the_first_of_its_addresses_that_accepts(answers, local_server, private_urls_allowed):
    # given a name whose first address refuses connections (nothing listens on 127.0.0.2) and second serves
    answers["multi.test"] = ["127.0.0.2", "127.0.0.1"]
    local_server.routes["/ok"] = lambda request: (200, {}, b"second address")

    response = net.safe_request("GET", f"http://multi.test:{local_server.port}/ok")

    assert (response.status_code, response.content) == (200, b"second address")


@pytest.mark.parametrize("addresses", [["127.0.0.2"], []], ids=["every-address-refuses", "no-address"])
def test_a_name_that_cannot_be_connected_to_is_a_fetch_failure(answers, private_urls_allowed, addresses):
    answers["nothing.test"] = addresses

    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", "http://nothing.test:9/", timeout=5)

    assert failed.value.code == "fetch_failed"
    assert str(failed.value.detail) == "Could not fetch http://nothing.test:9/: NewConnectionError."


def test_a_name_that_stops_resolving_before_the_fetch_is_a_fetch_failure(answers, private_urls_allowed):
    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", "http://gone.test/", timeout=5)

    assert str(failed.value.detail) == "Could not fetch http://gone.test/: NameResolutionError."
    assert "gone.test" in answers.asked


def test_a_refused_connection_names_the_url(private_urls_allowed):
    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", "http://127.0.0.1:9/", timeout=5)

    assert str(failed.value.detail) == "Could not fetch http://127.0.0.1:9/: NewConnectionError."


def test_a_slow_answer_is_refused_naming_the_url(local_server, private_urls_allowed):
    def slow(request):
        time.sleep(1)
        return 200, {}, b"late"

    local_server.routes["/slow"] = slow

    with pytest.raises(net.FetchTimeout) as refused:
        net.safe_request("GET", local_server.url("/slow"), timeout=0.3)

    assert str(refused.value.detail) == f"No answer from {local_server.url('/slow')} in time."


def test_a_body_cut_short_by_the_server_is_a_fetch_failure_in_words(local_server, private_urls_allowed):
    def cut_short(request):
        handler = request.handler
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.write(b"only ten b")
        handler.wfile.flush()
        handler.close_connection = True

    local_server.routes["/cut"] = cut_short

    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", local_server.url("/cut"))

    assert str(failed.value.detail) == "The connection broke while reading the response."


def test_the_time_taken_is_measured_in_milliseconds(local_server, private_urls_allowed):
    def unhurried(request):
        time.sleep(0.2)
        return 200, {}, b"ok"

    local_server.routes["/unhurried"] = unhurried

    response = net.safe_request("GET", local_server.url("/unhurried"))

    assert 200 <= response.duration_ms < 10_000


def test_the_method_is_sent_in_capitals_whatever_the_caller_wrote(local_server, private_urls_allowed):
    local_server.routes["/in"] = lambda request: (204, {}, b"")

    net.safe_request("post", local_server.url("/in"), data=b"{}")

    assert local_server.requests[0].method == "POST"


def test_a_redirect_without_a_location_is_a_fetch_failure_naming_the_url(local_server, private_urls_allowed):
    local_server.routes["/hop"] = lambda request: (302, {}, b"")

    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", local_server.url("/hop"), allow_redirects=True)

    assert str(failed.value.detail) == f"Redirect from {local_server.url('/hop')} has no Location header."


def test_too_many_redirects_are_refused_in_words(local_server, private_urls_allowed):
    local_server.routes["/loop"] = lambda request: (302, {"Location": "/loop"}, b"")

    with pytest.raises(net.TooManyRedirects) as refused:
        net.safe_request("GET", local_server.url("/loop"), allow_redirects=True, max_redirects=2)

    assert str(refused.value.detail) == f"More than 2 redirects from {local_server.url('/loop')}."


def follow(local_server, method, status, *, location, headers=None):
    """Send `method` with a body to /hop, which answers `status` to `location`; return what /target received."""
    local_server.routes["/hop"] = lambda request: (status, {"Location": location}, b"")
    local_server.routes["/target"] = lambda request: (200, {}, b"arrived")
    response = net.safe_request(
        method, local_server.url("/hop"), headers=headers, data=b"payload", allow_redirects=True
    )
    assert response.content == b"arrived"
    return local_server.requests[-1]


@pytest.mark.parametrize(
    ("method", "status", "then"),
    [
        ("POST", 303, ("GET", b"")),
        ("PUT", 303, ("GET", b"")),
        ("POST", 302, ("GET", b"")),
        ("POST", 301, ("GET", b"")),
        ("PUT", 302, ("PUT", b"payload")),
        ("POST", 307, ("POST", b"payload")),
        ("POST", 308, ("POST", b"payload")),
    ],
)
def test_a_redirect_changes_the_method_and_drops_the_body_only_where_http_says_so(
    local_server, private_urls_allowed, method, status, then
):
    received = follow(local_server, method, status, location="/target")

    assert (received.method, received.body) == then


def test_the_authorization_header_follows_a_redirect_on_the_same_host(local_server, private_urls_allowed):
    received = follow(local_server, "GET", 302, location="/target", headers={"Authorization": "Bearer s3cret"})

    assert received.headers.get("Authorization") == "Bearer s3cret"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer s3cret"},
        None,
        {"authorization": "Bearer s3cret"},
    ],
    ids=["sent", "never-sent", "sent-in-lower-case"],
)
def test_the_authorization_header_is_dropped_when_a_redirect_leaves_the_host(
    local_server, private_urls_allowed, headers
):
    other_host = f"http://localhost:{local_server.port}/target"

    received = follow(local_server, "GET", 302, location=other_host, headers=headers)

    assert "authorization" not in {name.lower() for name in received.headers}


def test_a_quick_answer_is_read_whole_under_a_short_timeout(local_server, private_urls_allowed):
    local_server.routes["/quick"] = lambda request: (200, {}, b"in time")

    response = net.safe_request("GET", local_server.url("/quick"), timeout=0.8)

    assert response.content == b"in time"


def test_a_pause_after_the_first_bytes_ends_at_the_overall_deadline(local_server, private_urls_allowed):
    # given a server that sends a byte just before the deadline, then goes quiet
    def pause(request):
        handler = request.handler
        handler.send_response(200)
        handler.send_header("Content-Length", "10")
        handler.end_headers()
        handler.wfile.flush()
        time.sleep(0.9)
        handler.wfile.write(b"z")
        handler.wfile.flush()
        time.sleep(3)

    local_server.routes["/pause"] = pause
    started = time.monotonic()

    # when the client allows one second in all
    with pytest.raises(net.FetchTimeout):
        net.safe_request("GET", local_server.url("/pause"), timeout=1)

    # then the wait after the byte is what was left of the second, not a fresh read timeout
    assert time.monotonic() - started < 1.6


def test_a_streamed_body_over_the_limit_is_refused_naming_the_limit(local_server, private_urls_allowed):
    def chunked(request):
        handler = request.handler
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for _ in range(10):
            handler.wfile.write(b"3e8\r\n" + b"y" * 1000 + b"\r\n")
        handler.wfile.write(b"0\r\n\r\n")

    local_server.routes["/stream"] = chunked

    with pytest.raises(net.ResponseTooLarge) as refused:
        net.safe_request("GET", local_server.url("/stream"), max_bytes=5000)

    assert str(refused.value.detail) == "The response is larger than 5000 bytes."


@pytest.fixture
def unanswered_port():
    """A port whose listen queue is full, so a new connection's handshake is never answered (as a firewall does)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    queued = []
    for _ in range(3):
        waiting = socket.socket()
        waiting.setblocking(False)
        waiting.connect_ex(listener.getsockname())
        queued.append(waiting)
    yield listener.getsockname()[1]
    for waiting in queued:
        waiting.close()
    listener.close()


def test_a_connection_that_is_never_accepted_times_out_at_the_deadline(unanswered_port, private_urls_allowed):
    url = f"http://127.0.0.1:{unanswered_port}/"
    started = time.monotonic()

    with pytest.raises(net.FetchTimeout) as refused:
        net.safe_request("GET", url, timeout=1)

    assert time.monotonic() - started < 5
    assert str(refused.value.detail) == f"No answer from {url} in time."


def test_an_https_url_whose_name_resolves_to_loopback_is_refused_at_connect_time(local_server):
    # given a name that passes the shape check but resolves to a loopback address, over https
    with pytest.raises(net.UnsafeUrl) as refused:
        net.safe_request("GET", f"https://localhost:{local_server.port}/")

    # then the https connection is vetted like the http one: refused before any byte is sent
    assert "localhost resolves to" in str(refused.value.detail)
    assert local_server.requests == []


def test_a_kept_alive_connection_whose_host_stops_resolving_is_a_fetch_failure(
    answers, local_server, private_urls_allowed
):
    # given a keep-alive client that reached keep.test once
    answers["keep.test"] = ["127.0.0.1"]
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")
    url = f"http://keep.test:{local_server.port}/in"
    with net.OutboundClient() as client:
        assert client.request("GET", url).status_code == 200

        # when the name stops resolving before the next request
        del answers["keep.test"]

        # then the kept connection is not used and the request fails like any unresolvable name
        with pytest.raises(net.FetchFailed) as failed:
            client.request("GET", url)

    assert failed.value.code == "fetch_failed"
    assert len(local_server.requests) == 1


def test_a_dns_answer_is_remembered_for_a_time_to_live_of_one_second(answers):
    answers["hooks.example"] = ["93.184.215.14"]
    resolver = net.HostResolver(ttl_seconds=1)

    first, again = resolver.addresses("hooks.example", 443), resolver.addresses("hooks.example", 443)

    assert first == again == [(socket.AF_INET, "93.184.215.14")]
    assert answers.asked == ["hooks.example"]
