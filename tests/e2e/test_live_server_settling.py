"""The e2e teardown waits for the live server's requests: it finds them by their threads, one per open connection."""

import socket
import time
from urllib.parse import urlsplit

import pytest

from .conftest import live_server_requests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_open_connection_is_a_running_request_until_it_closes(live_server):
    address = urlsplit(live_server.url)
    before = len(live_server_requests())
    with socket.create_connection((address.hostname, address.port), timeout=5) as client:
        client.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
        assert client.recv(4096).startswith(b"HTTP/1.1 ")
        assert len(live_server_requests()) == before + 1  # the kept-alive connection's thread waits for more
    deadline = time.monotonic() + 5
    while len(live_server_requests()) > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(live_server_requests()) == before
