"""The keep-alive client's own rules, written against the mutation run of shopplatform/net.py
(docs/testing.md): the default time limit to the tick, the headers sent by default, the number of origins kept
open, the errors urllib3 raises named in words, and https against a local server signed by a test authority."""

import socket
import time
import types

import pytest

from shopplatform import net

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


class FrozenClock:
    """Stands in for `time` inside net: the first reading is `start`, every later one `start + elapsed`."""

    def __init__(self, elapsed: float, start: float = 100.0) -> None:
        self.readings = iter([start])
        self.later = start + elapsed

    def monotonic(self) -> float:
        return next(self.readings, self.later)


def freeze_clock(monkeypatch, *, elapsed: float) -> None:
    monkeypatch.setattr(net, "time", types.SimpleNamespace(monotonic=FrozenClock(elapsed).monotonic))


def test_a_request_may_take_up_to_its_ten_second_default_limit(monkeypatch, local_server, private_urls_allowed):
    # given a clock that reads nine seconds after the start whenever the client looks again
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")
    freeze_clock(monkeypatch, elapsed=9)

    response = net.safe_request("GET", local_server.url("/in"))

    assert (response.status_code, response.duration_ms) == (200, 9000)


def test_a_request_with_no_time_left_is_refused_before_anything_is_sent(
    monkeypatch, local_server, private_urls_allowed
):
    # given exactly the default ten seconds gone by before the first byte is sent
    freeze_clock(monkeypatch, elapsed=10)

    with pytest.raises(net.FetchTimeout) as refused:
        net.safe_request("GET", local_server.url("/in"))

    assert str(refused.value.detail) == f"No answer from {local_server.url('/in')} in time."
    assert local_server.requests == []


def test_a_plain_http_request_is_refused_when_https_is_required(local_server, private_urls_allowed):
    with pytest.raises(net.UnsafeUrl) as refused:
        net.safe_request("GET", local_server.url("/in"), require_https=True)

    assert str(refused.value.detail) == "The URL must use https."
    assert local_server.requests == []


def test_a_request_follows_three_redirects_by_default(local_server, private_urls_allowed):
    local_server.routes["/loop"] = lambda request: (302, {"Location": "/loop"}, b"")

    with pytest.raises(net.TooManyRedirects) as refused:
        net.safe_request("GET", local_server.url("/loop"), allow_redirects=True)

    assert str(refused.value.detail) == f"More than 3 redirects from {local_server.url('/loop')}."
    assert len(local_server.requests) == 4


def test_default_headers_are_sent_unless_the_caller_sets_them(local_server, private_urls_allowed):
    local_server.routes["/in"] = lambda request: (204, {}, b"")

    net.safe_request("GET", local_server.url("/in"), headers={"Accept": "application/json"})

    received = local_server.requests[0].headers
    assert (received["Accept"], received["Accept-Encoding"]) == ("application/json", "gzip, deflate")


def test_sixteen_origins_are_kept_open_and_the_least_recently_used_is_closed_first(
    answers, local_server, private_urls_allowed
):
    # given seventeen names for the local server, each its own origin
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")
    for number in range(1, 18):
        answers[f"origin{number}.test"] = ["127.0.0.1"]

    def client_port(client, number: int) -> int:
        client.request("GET", local_server.url("/in", host=f"origin{number}.test"))
        return local_server.requests[-1].handler.client_address[1]

    with net.OutboundClient() as client:
        first_ports = {number: client_port(client, number) for number in range(1, 17)}
        # when origin 1 is used again, then a seventeenth origin opens, then origin 2 is used again
        origin1_again = client_port(client, 1)
        client_port(client, 17)
        origin2_again = client_port(client, 2)

    # then origin 1 was still open, and origin 2 (by then the least recently used) had been closed
    assert origin1_again == first_ports[1]
    assert origin2_again != first_ports[2]


def test_a_connection_closed_before_any_answer_is_a_fetch_failure_naming_the_error(local_server, private_urls_allowed):
    def hang_up(request):
        request.handler.close_connection = True

    local_server.routes["/hang-up"] = hang_up

    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", local_server.url("/hang-up"))

    assert str(failed.value.detail) == f"Could not fetch {local_server.url('/hang-up')}: ProtocolError."


@pytest.fixture
def loopback_allowed_as_localhost(answers, private_urls_allowed):
    """`localhost` resolves to 127.0.0.1 only (never ::1), and loopback addresses are allowed."""
    answers["localhost"] = ["127.0.0.1"]
    return answers


def test_an_https_server_signed_by_a_trusted_authority_is_fetched(
    tls_server, test_authority_trusted, loopback_allowed_as_localhost
):
    tls_server.routes["/ok"] = lambda request: (200, {}, b"over tls")

    response = net.safe_request("GET", tls_server.url("/ok", host="localhost"), require_https=True)

    assert (response.status_code, response.content) == (200, b"over tls")


@pytest.mark.parametrize(
    ("host", "trusted"),
    [("localhost", False), ("127.0.0.1", True)],
    ids=["unknown-authority", "name-not-in-certificate"],
)
def test_an_https_server_whose_certificate_does_not_prove_its_name_is_refused(
    tls_server, test_authority, monkeypatch, loopback_allowed_as_localhost, host, trusted
):
    if trusted:
        monkeypatch.setattr(net, "where", lambda: str(test_authority.ca_file))
    url = tls_server.url("/ok", host=host)

    with pytest.raises(net.FetchFailed) as failed:
        net.safe_request("GET", url)

    assert str(failed.value.detail) == f"Could not fetch {url}: SSLError."
    assert tls_server.requests == []


def test_an_https_request_does_not_follow_a_redirect_to_plain_http(
    tls_server, local_server, test_authority_trusted, loopback_allowed_as_localhost
):
    tls_server.routes["/hop"] = lambda request: (302, {"Location": local_server.url("/plain")}, b"")

    with pytest.raises(net.UnsafeUrl) as refused:
        net.safe_request("GET", tls_server.url("/hop", host="localhost"), require_https=True, allow_redirects=True)

    assert str(refused.value.detail) == "The URL must use https."
    assert local_server.requests == []


@pytest.fixture
def unanswered_port_on_every_loopback_address():
    """A port on 0.0.0.0 whose listen queue is full: handshakes to 127.0.0.1, .2 and .3 are never answered."""
    listener = socket.socket()
    listener.bind(("0.0.0.0", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    queued = [socket.socket() for _ in range(3)]
    for waiting in queued:
        waiting.setblocking(False)
        waiting.connect_ex(("127.0.0.1", port))
    yield port
    for waiting in queued:
        waiting.close()
    listener.close()


def test_a_name_whose_addresses_never_answer_fails_within_the_overall_deadline(
    answers, private_urls_allowed, unanswered_port_on_every_loopback_address
):
    answers["silent.test"] = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    started = time.monotonic()

    with pytest.raises(net.FetchTimeout):
        net.safe_request("GET", f"http://silent.test:{unanswered_port_on_every_loopback_address}/", timeout=1)

    assert time.monotonic() - started < 1.5
