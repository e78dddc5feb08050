"""The cable: python-escpos backends chosen by a URI, behind open / send / ask / close.

``tcp://HOST:PORT`` (network, 9100 by default), ``usb://VID:PID`` (hex), ``serial:///dev/ttyUSB0?baudrate=19200``,
``file:///dev/usb/lp0``. The ESC/POS language lives elsewhere (:mod:`devices.printer.job`);
this module only moves bytes, and it maps every transport failure to a bilingual
:class:`~devices.printer.errors.PrinterError`.
"""
from __future__ import annotations

import select
import socket
import time
from typing import Callable

from escpos.escpos import Escpos
from escpos.exceptions import Error as EscposError

from .address import PrinterAddress, parse_uri  # noqa: F401  (parse_uri: the URI grammar lives there)
from .errors import PrintFailed, PrinterUnreachable

def _backend(address: PrinterAddress, profile: str, timeout_s: float) -> Escpos:
    from escpos import printer as backends  # imported late: USB/serial need optional libs

    if address.scheme == "tcp":
        host, _, port = address.target.rpartition(":")
        return backends.Network(host, int(port), timeout=timeout_s, profile=profile)
    if address.scheme == "usb":
        vid, pid = (int(x, 16) for x in address.target.split(":"))
        return backends.Usb(vid, pid, timeout=int(timeout_s * 1000), profile=profile)
    if address.scheme == "serial":
        return backends.Serial(address.target, baudrate=int(address.options.get("baudrate", 9600)),
                               timeout=timeout_s, dsrdtr=address.options.get("dsrdtr") == "1",
                               profile=profile)
    return backends.File(address.target, profile=profile)


class Transport:
    """One connection to a printer. Not thread-safe: one job at a time (Printer locks)."""

    def __init__(self, address: PrinterAddress, *, profile: str, timeout_s: float) -> None:
        self.address = address
        self.timeout_s = timeout_s
        self._profile = profile
        self._device: Escpos | None = None

    @property
    def is_open(self) -> bool:
        return self._device is not None

    @property
    def can_read(self) -> bool:
        """File devices are write-only here: their status is always unknown."""
        return self.address.scheme != "file"

    def open(self) -> None:
        if self._device is not None:
            return
        backend = _backend(self.address, self._profile, self.timeout_s)
        try:
            backend.open()
        except (EscposError, OSError, ValueError) as exc:
            raise PrinterUnreachable(
                f"{self.address.scheme} printer {self.address.target} unreachable: {exc}") from exc
        sock = getattr(backend, "device", None)
        if isinstance(sock, socket.socket):
            # a status query is 3 bytes: without this Nagle holds it behind the job's tail
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._device = backend

    def send(self, data: bytes) -> None:
        self.open()
        try:
            self._device._raw(data)
        except Exception as exc:  # any backend failure = the job did not get through
            self.close()
            raise PrintFailed(f"sending {len(data)} bytes failed: {exc!r}") from exc

    def ask(self, command: bytes, timeout_s: float,
            valid: Callable[[bytes], bool] = bool) -> bytes:
        """Send a query; return the reply once ``valid(reply)`` or what came by the deadline.

        ``valid`` lets a late answer to an earlier query (a stray byte) be read past.
        b"" means nothing came back.
        """
        self.open()
        if not self.can_read:
            return b""
        device = self._device.device
        try:
            if isinstance(device, socket.socket):
                return self._ask_socket(device, command, timeout_s, valid)
            return self._ask_stream(device, command, timeout_s, valid)
        except (OSError, EscposError, ValueError) as exc:
            self.close()
            raise PrintFailed(f"status query failed: {exc!r}") from exc

    def _ask_socket(self, sock: socket.socket, command: bytes, timeout_s: float,
                    valid: Callable[[bytes], bool]) -> bytes:
        while select.select([sock], [], [], 0)[0]:  # drop late answers to earlier queries
            if not sock.recv(64):
                raise ConnectionResetError("printer closed the connection")
        sock.sendall(command)
        deadline = time.monotonic() + timeout_s
        reply = b""
        while not valid(reply):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([sock], [], [], left)[0]:
                break
            chunk = sock.recv(16)
            if not chunk:
                raise ConnectionResetError("printer closed the connection")
            reply += chunk
        return reply

    def _ask_stream(self, device, command: bytes, timeout_s: float,
                    valid: Callable[[bytes], bool]) -> bytes:
        if hasattr(device, "reset_input_buffer"):  # pyserial
            device.reset_input_buffer()
            self._device._raw(command)
            deadline = time.monotonic() + timeout_s
            reply = b""
            while not valid(reply) and (left := deadline - time.monotonic()) > 0:
                device.timeout = left
                reply += device.read(1)
            return reply
        self._device._raw(command)  # pyusb: the backend's timeout is in ms
        try:
            return bytes(self._device._read())
        except Exception:  # usb.core.USBTimeoutError and friends: no answer
            return b""

    def close(self) -> None:
        device, self._device = self._device, None
        if device is not None:
            try:
                device.close()
            except Exception:  # closing a broken link must not hide the original fault
                pass
