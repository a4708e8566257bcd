"""Media tests store files under a temporary MEDIA_ROOT and serve URL uploads from a loopback HTTP server."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_files(media_root):
    """Call it to list every file under the storage root, as storage names."""
    return lambda: sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


@pytest.fixture
def file_server(settings):
    """A loopback HTTP server: set `routes[path] = (status, body)`; returns (base_url, routes)."""
    settings.SHOP_ALLOW_PRIVATE_URLS = True
    routes: dict[str, tuple[int, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, body = routes.get(self.path, (404, b"not found"))
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()
