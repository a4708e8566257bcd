"""The e2e teardown waits for the live server's requests: it finds them by their threads, one per open connection."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from .conftest import live_server_requests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_open_connection_is_a_running_request_until_it_closes(live_server):
    address = urlsplit(live_server.url)
    before = len(live_server_requests(address.port))
    with socket.create_connection((address.hostname, address.port), timeout=5) as client:
        client.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
        assert client.recv(4096).startswith(b"HTTP/1.1 ")
        # the kept-alive connection's thread waits for more
        assert len(live_server_requests(address.port)) == before + 1
    deadline = time.monotonic() + 5
    while len(live_server_requests(address.port)) > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(live_server_requests(address.port)) == before


def test_another_server_s_open_connection_is_not_the_live_server_s(live_server):
    """Stand-in servers (S3, PayPal) run request threads of the same name: the teardown must not wait for them."""
    port = urlsplit(live_server.url).port
    before = len(live_server_requests(port))

    class Answer(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(server.server_address, timeout=5) as client:
            client.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert client.recv(4096).startswith(b"HTTP/1.1 204")
            assert len(live_server_requests(server.server_address[1])) == 1
            assert len(live_server_requests(port)) == before
    finally:
        server.shutdown()
        server.server_close()
