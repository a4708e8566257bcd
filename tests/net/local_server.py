"""A real HTTP server on 127.0.0.1 in a background thread, for tests of outbound requests.

Routes map a path to a function `(request) -> (status, headers, body)`; `request` holds method, path, headers
and the raw body. A route may instead write the response itself through `request.handler` and return None.
Every request is recorded in `server.requests`. With `tls` (an `ssl.SSLContext`) it speaks https instead.
"""

import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    handler: BaseHTTPRequestHandler = field(repr=False)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # Clients that stop reading on purpose (size caps, timeouts) reset the connection; that is expected.
        pass


Route = Callable[[ReceivedRequest], tuple[int, dict[str, str], bytes] | None]


class LocalServer:
    def __init__(self, routes: dict[str, Route] | None = None, *, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[ReceivedRequest] = []
        self.received = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def setup(self) -> None:
                if isinstance(self.request, ssl.SSLSocket):
                    self.request.do_handshake()
                super().setup()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = ReceivedRequest(
                    self.command, self.path, dict(self.headers.items()), self.rfile.read(length), self
                )
                with server.received:
                    server.requests.append(request)
                    server.received.notify_all()
                route = server.routes.get(self.path.split("?", 1)[0])
                answer = route(request) if route else (404, {}, b"not found")
                if answer is None:
                    return
                status, headers, body = answer
                self.send_response(status)
                headers = {"Content-Length": str(len(body)), **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.scheme = "https" if tls else "http"
        if tls:
            # The handshake runs in each request's own thread, so a client refusing the certificate stops nothing.
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True, do_handshake_on_connect=False)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "/", *, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def wait_for_requests(self, count: int, timeout: float = 10) -> list[ReceivedRequest]:
        """Block until `count` requests arrived (or the timeout passed); return them."""
        with self.received:
            self.received.wait_for(lambda: len(self.requests) >= count, timeout=timeout)
            return list(self.requests)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
