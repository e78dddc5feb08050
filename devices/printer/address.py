"""Printer URIs: ``tcp://HOST:PORT`` (9100 by default), ``usb://VID:PID`` (hex),
``serial:///dev/ttyUSB0?baudrate=19200``, ``file:///dev/usb/lp0``.

Apart from the transport so that checking a configuration does not load python-escpos.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

_SCHEMES = ("tcp", "usb", "serial", "file")


@dataclass(frozen=True)
class PrinterAddress:
    scheme: str
    target: str  # host:port, vid:pid, or a device/file path
    options: dict = field(default_factory=dict)


def parse_uri(uri: str) -> PrinterAddress:
    """Check a printer URI; raises ValueError naming what is wrong (a configuration error)."""
    parts = urlsplit(uri)
    if parts.scheme not in _SCHEMES:
        raise ValueError(f"printer uri {uri!r}: scheme must be one of {', '.join(_SCHEMES)}")
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"printer uri {uri!r}: missing host")
        try:
            port = parts.port or 9100
        except ValueError as exc:
            raise ValueError(f"printer uri {uri!r}: bad port") from exc
        return PrinterAddress("tcp", f"{parts.hostname}:{port}", options)
    if parts.scheme == "usb":
        vid, _, pid = parts.netloc.partition(":")
        try:
            int(vid, 16), int(pid, 16)
        except ValueError as exc:
            raise ValueError(f"printer uri {uri!r}: expected usb://VID:PID in hex") from exc
        return PrinterAddress("usb", f"{vid}:{pid}", options)
    if not parts.path:
        raise ValueError(f"printer uri {uri!r}: missing device path")
    if parts.scheme == "serial" and "baudrate" in options and not options["baudrate"].isdigit():
        raise ValueError(f"printer uri {uri!r}: baudrate must be a number")
    return PrinterAddress(parts.scheme, parts.path, options)
