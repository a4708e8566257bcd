import ipaddress
import socket

import pytest

from shopplatform import net
from tests.net.local_server import LocalServer
from tests.net.tls import TestAuthority


@pytest.fixture
def local_server():
    with LocalServer() as server:
        yield server


@pytest.fixture
def private_urls_allowed(settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = True
    return settings


@pytest.fixture(scope="session")
def test_authority(tmp_path_factory) -> TestAuthority:
    """A certificate authority made for the test run, and a server certificate it signed for localhost."""
    return TestAuthority.create(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def tls_server(test_authority):
    """A local server speaking https with the test authority's certificate (not trusted unless a test says so)."""
    with LocalServer(tls=test_authority.server_context()) as server:
        yield server


@pytest.fixture
def test_authority_trusted(test_authority, monkeypatch):
    """The client trusts the test authority instead of certifi's bundle (nothing else in its TLS set-up changes)."""
    monkeypatch.setattr(net, "where", lambda: str(test_authority.ca_file))
    return test_authority


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class Answers(dict):
    """Name → the addresses it resolves to, in order; `asked` records every name looked up. IP literals (which
    urllib3 passes when it opens the socket) go to the real resolver."""

    def __init__(self, real_getaddrinfo) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.real_getaddrinfo = real_getaddrinfo

    def getaddrinfo(self, host, port, *args, **kwargs):
        if _is_ip(host):
            return self.real_getaddrinfo(host, port, *args, **kwargs)
        self.asked.append(host)
        if host not in self:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
            for ip in self[host]
        ]


@pytest.fixture
def answers(monkeypatch) -> Answers:
    """DNS stand-in: names resolve only to what the test puts in `answers[name]`."""
    table = Answers(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", table.getaddrinfo)
    return table
