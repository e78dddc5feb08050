"""Connects an emulated card to the ``vsmartcard-vpcd`` reader driver inside pcscd.

vpcd wire protocol: each message is a 2-byte big-endian length and its bytes; a 1-byte
message is a control code (0 power off, 1 power on, 2 reset, 4 send the ATR), anything
longer is a command APDU answered with the response APDU. The emulator is the TCP client
(inside pcscd's private network namespace when it has one: devices/sim/pcsc_stack.py).
A card "on the reader" is a connected socket; closing it lifts the card off the reader.
"""
from __future__ import annotations

import logging
import socket
import struct
import threading
import time

from .card import CardWithdrawn, EmulatedIdCard
from .pcsc_stack import connect_to_vpcd

log = logging.getLogger(__name__)

POWER_OFF, POWER_ON, RESET, ATR_REQUEST = 0, 1, 2, 4
# pcscd polls vpcd for presence a few times a second. A card put back on the same port
# before one poll saw it absent is never seen by pcscd at all (its reader state stays
# "removed"), so a new card waits this long after the last removal on that port.
REINSERT_GAP_S = 1.0
_last_removal: dict[int, float] = {}
_lock = threading.Lock()


class VpcdCard:
    """Runs one emulated card on a vpcd port in a background thread."""

    def __init__(self, card: EmulatedIdCard, port: int, host: str = "127.0.0.1"):
        self.card, self.port, self.host = card, port, host
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.withdrawn = threading.Event()

    def insert(self, timeout: float = 10.0) -> "VpcdCard":
        """Connect to vpcd (the card appears on the reader); retry while pcscd starts."""
        with _lock:
            wait = _last_removal.get(self.port, 0.0) + REINSERT_GAP_S - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = connect_to_vpcd(self.host, self.port, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        # Without this each APDU waits for the peer's delayed ACK (~40 ms) — see platform notes.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self._stop.clear()
        self.withdrawn.clear()
        self.card.reset()
        self._thread = threading.Thread(target=self._serve, name=f"vpcd-card-{self.port}",
                                        daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        """Lift the card off the reader."""
        self._stop.set()
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
            with _lock:
                _last_removal[self.port] = time.monotonic()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> "VpcdCard":
        return self.insert()

    def __exit__(self, *exc) -> None:
        self.remove()

    def _recv_exact(self, sock: socket.socket, n: int) -> bytes | None:
        buf = b""
        while len(buf) < n:
            # vpcd writes the length and the APDU separately; with its Nagle on, the
            # APDU waits for our ACK, which Linux delays ~40 ms unless asked to ACK now.
            if hasattr(socket, "TCP_QUICKACK"):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf

    def _serve(self) -> None:
        sock = self._sock
        try:
            while sock is not None and not self._stop.is_set():
                head = self._recv_exact(sock, 2)
                if head is None:
                    break
                (length,) = struct.unpack(">H", head)
                msg = self._recv_exact(sock, length)
                if msg is None:
                    break
                if length == 1:
                    if msg[0] == ATR_REQUEST:
                        atr = self.card.answer_to_reset()
                        sock.sendall(struct.pack(">H", len(atr)) + atr)
                    elif msg[0] in (POWER_OFF, POWER_ON, RESET):
                        self.card.reset()
                    continue
                try:
                    resp = self.card.process(msg)
                except CardWithdrawn:
                    log.info("emulated card withdrawn mid-read (fault mode)")
                    self.withdrawn.set()
                    break
                sock.sendall(struct.pack(">H", len(resp)) + resp)
        except OSError:
            pass
        finally:
            if self.withdrawn.is_set():
                threading.Thread(target=self.remove, daemon=True).start()
