"""The keep-alive client (`net.OutboundClient`): one connection per origin, and the address check before every
request, even on a connection kept open."""

import socket

import pytest

from shopplatform import net

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


@pytest.fixture
def hooks_test_resolves_to(monkeypatch):
    """DNS stand-in for the name `hooks.test`: answers with the address last set; counts the lookups."""
    answer = {"address": "127.0.0.1", "lookups": 0}
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "hooks.test":
            return real_getaddrinfo(host, port, *args, **kwargs)
        answer["lookups"] += 1
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer["address"], port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answer


def client_ports(server) -> set[int]:
    return {request.handler.client_address[1] for request in server.requests}


def test_requests_to_one_origin_share_one_connection(local_server, private_urls_allowed):
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")

    with net.OutboundClient() as client:
        answers = [client.request("POST", local_server.url("/in"), data=b"{}").status_code for _ in range(3)]

    assert answers == [200, 200, 200]
    assert len(client_ports(local_server)) == 1


def test_a_body_cut_at_the_limit_closes_its_connection(local_server, private_urls_allowed):
    """The unread rest of a truncated body (more than one read) must not be taken for the next answer."""
    local_server.routes["/big"] = lambda request: (200, {}, b"a" * 100 + b"b" * 500_000)

    with net.OutboundClient() as client:
        first = client.request("GET", local_server.url("/big"), max_bytes=100, truncate=True)
        second = client.request("GET", local_server.url("/big"), max_bytes=100, truncate=True)

    assert (first.content, second.content) == (b"a" * 100, b"a" * 100)
    assert len(client_ports(local_server)) == 2


def test_a_kept_alive_connection_is_refused_once_private_addresses_are_not_allowed(local_server, private_urls_allowed):
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")

    with net.OutboundClient() as client:
        client.request("POST", local_server.url("/in"), data=b"{}")
        private_urls_allowed.SHOP_ALLOW_PRIVATE_URLS = False
        with pytest.raises(net.UnsafeUrl):
            client.request("POST", local_server.url("/in"), data=b"{}")

    assert len(local_server.requests) == 1


def test_a_kept_alive_connection_is_not_reused_once_its_host_resolves_elsewhere(
    local_server, private_urls_allowed, hooks_test_resolves_to
):
    """The socket stays pinned to the address it was opened to: a new answer means a new connection to it."""
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")
    url = f"http://hooks.test:{local_server.port}/in"

    with net.OutboundClient() as client:
        client.request("POST", url, data=b"{}")
        hooks_test_resolves_to["address"] = "127.0.0.2"  # nothing listens there
        with pytest.raises(net.FetchFailed) as failed:
            client.request("POST", url, data=b"{}")

    assert failed.value.code == "fetch_failed"
    assert len(local_server.requests) == 1


def test_dns_answers_are_remembered_only_when_asked(local_server, private_urls_allowed, hooks_test_resolves_to):
    local_server.routes["/in"] = lambda request: (200, {}, b"ok")
    url = f"http://hooks.test:{local_server.port}/in"

    with net.OutboundClient() as client:
        for _ in range(3):
            client.request("POST", url, data=b"{}")
    fresh_lookups = hooks_test_resolves_to["lookups"]
    with net.OutboundClient(dns_ttl_seconds=60) as client:
        for _ in range(3):
            client.request("POST", url, data=b"{}")

    assert fresh_lookups == 3
    assert hooks_test_resolves_to["lookups"] - fresh_lookups == 1
