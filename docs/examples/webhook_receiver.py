"""A one-shot webhook receiver for the quick start: writes the first event POSTed to it to a file, then exits.

Usage: python docs/examples/webhook_receiver.py PORT FILE
"""

import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "wb") as target:
            target.write(body)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


if __name__ == "__main__":
    server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver)
    server.timeout = 60  # one event, or give up after a minute
    server.handle_request()
