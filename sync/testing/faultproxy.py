"""A fault-injecting TCP proxy for HTTP/1.x on loopback.

Each accepted connection draws one fault (weights given by the test) and then behaves:

- ``pass``: forward both ways untouched;
- ``http500`` / ``http503``: read the request, answer an HTML error page, never reach the central;
- ``garbage``: read the request, answer ``200 OK`` with a body that is not the contract's JSON;
- ``reset``: close the client connection with a TCP RST before anything is forwarded;
- ``lost_response``: forward the request, let the central answer, then RST the client, so the
  central acted but the kiosk never learns it (the case that tests idempotency);
- ``timeout``: forward the request, swallow the answer, keep the client waiting;
- ``slow``: forward the answer in small pieces with pauses;
- ``truncated``: forward half of the answer, then close.
"""
from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter

FAULTS = ("pass", "http500", "http503", "garbage", "reset", "lost_response", "timeout", "slow",
          "truncated")


def _rst_close(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def _read_request(sock: socket.socket, timeout: float = 5.0) -> bytes:
    """Read one HTTP request (headers and Content-Length body) from the client."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        block = sock.recv(65536)
        if not block:
            return data
        data += block
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(body) < length:
        block = sock.recv(min(1 << 20, length - len(body)))
        if not block:
            break
        body += block
    return head + b"\r\n\r\n" + body


def _canned(status: str, body: bytes, content_type: str = "text/html") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


class FaultProxy:
    def __init__(self, upstream_port: int, weights: dict[str, float] | None = None, *,
                 seed: int | None = None, hold_s: float = 3.0, upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.weights = dict(weights or {"pass": 1.0})
        self.hold_s = hold_s
        self.rng = random.Random(seed)
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopping = False
        self._thread = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)

    def start(self) -> "FaultProxy":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        self._listener.close()

    def set_weights(self, weights: dict[str, float]) -> None:
        with self._lock:
            self.weights = dict(weights)

    def _draw(self) -> str:
        with self._lock:
            names = list(self.weights)
            fault = self.rng.choices(names, [self.weights[n] for n in names])[0]
            self.counts[fault] += 1
            return fault

    def _accept_loop(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client, self._draw()), daemon=True).start()

    def _serve(self, client: socket.socket, fault: str) -> None:
        try:
            self._apply(client, fault)
        except OSError:
            pass
        finally:
            try:
                client.close()
            except OSError:
                pass

    def _apply(self, client: socket.socket, fault: str) -> None:
        if fault == "reset":
            _rst_close(client)
            return
        if fault in ("http500", "http503", "garbage"):
            _read_request(client)
            answer = {
                "http500": _canned("500 Internal Server Error", b"<html><h1>500</h1></html>"),
                "http503": _canned("503 Service Unavailable", b"<html>maintenance</html>"),
                "garbage": _canned("200 OK", b'{"dossier_id": 12, "status": "<html>',
                                   "application/json"),
            }[fault]
            client.sendall(answer)
            return
        request = _read_request(client)
        with socket.create_connection(self.upstream, timeout=30) as upstream:
            upstream.sendall(request)
            response = b""
            while True:
                block = upstream.recv(65536)
                if not block:
                    break
                response += block
                if fault == "pass":
                    client.sendall(block)
        if fault == "lost_response":
            _rst_close(client)
        elif fault == "timeout":
            time.sleep(self.hold_s)
            _rst_close(client)
        elif fault == "truncated":
            client.sendall(response[: max(1, len(response) // 2)])
        elif fault == "slow":
            for i in range(0, len(response), 64):
                client.sendall(response[i:i + 64])
                time.sleep(0.005)
