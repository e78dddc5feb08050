"""Something on loopback in the central's place, for tests: it answers every request with
what the test decides (garbage, a fake "committed", a replayed genuine answer) and keeps
what it received, so a test can check what a kiosk let out and what it believed."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeCentral:
    """Answers every request with ``answer(path, headers, body)`` and keeps what it got."""

    def __init__(self, answer) -> None:
        self.received: list[tuple[str, dict, bytes]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fake.received.append((self.path, dict(self.headers), body))
                status, headers, payload = answer(self.path, self.headers, body)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
