"""An incremental, tolerant ESC/POS parser: bytes in, events out (for the emulator).

It understands what a receipt printer needs to show a job (text, alignment, bold/size,
raster ``GS v 0``, ``GS ( k`` QR, feeds, cut, ``DLE EOT``) and skips the rest by its length.
It never raises on any input: unknown or absurd commands become :class:`Unknown` events.
Command lengths follow the Epson ESC/POS command reference.
"""
from __future__ import annotations

from dataclasses import dataclass

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
MAX_RASTER_BYTES = 8 * 1024 * 1024  # a real ticket is < 100 KB; more is garbage


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class Init(Event):
    pass


@dataclass(frozen=True)
class Text(Event):
    data: bytes


@dataclass(frozen=True)
class LineFeed(Event):
    pass


@dataclass(frozen=True)
class Align(Event):
    value: int  # 0 left, 1 centre, 2 right


@dataclass(frozen=True)
class Bold(Event):
    on: bool


@dataclass(frozen=True)
class CharSize(Event):
    width: int  # 1..8
    height: int


@dataclass(frozen=True)
class Invert(Event):
    on: bool


@dataclass(frozen=True)
class Raster(Event):
    width_bytes: int
    height: int
    data: bytes


@dataclass(frozen=True)
class QRSetting(Event):
    function: int  # 65 model, 67 module size, 69 error correction
    value: int


@dataclass(frozen=True)
class QRStore(Event):
    data: bytes


@dataclass(frozen=True)
class QRPrint(Event):
    pass


@dataclass(frozen=True)
class FeedDots(Event):
    dots: int


@dataclass(frozen=True)
class FeedLines(Event):
    lines: int


@dataclass(frozen=True)
class Cut(Event):
    pass


@dataclass(frozen=True)
class StatusQuery(Event):
    n: int


@dataclass(frozen=True)
class TransmitStatus(Event):
    """``GS r n``: unlike DLE EOT it waits its turn in the buffer, so its answer means
    "everything before me has been processed"."""

    n: int


@dataclass(frozen=True)
class Unknown(Event):
    data: bytes


class _Incomplete(Exception):
    pass


# ESC commands by their total length (ESC, letter, parameters)
_ESC_FIXED = {
    b"@": 2, b"2": 2, b"i": 2, b"m": 2, b"<": 2, b"L": 2, b"S": 2, b"\x0c": 2,
    b"3": 3, b"-": 3, b"t": 3, b"M": 3, b"R": 3, b"{": 3, b"V": 3, b"U": 3, b" ": 3,
    b"=": 3, b"r": 3, b"c": 4, b"$": 4, b"\\": 4, b"p": 5, b"T": 3, b"e": 3, b"K": 3,
    b"G": 3, b"a": 3, b"E": 3, b"!": 3, b"d": 3, b"J": 3,
}
_GS_FIXED = {
    b"!": 3, b"B": 3, b"H": 3, b"f": 3, b"h": 3, b"w": 3, b"a": 3, b"r": 3, b"I": 3,
    b"b": 3, b"/": 3, b"T": 3, b"L": 4, b"W": 4, b"P": 4, b"$": 4, b"\\": 4, b":": 2,
}


class StreamParser:
    """Feed bytes as they arrive; get the complete commands back as events."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        """Bytes held back because a command is not complete yet."""
        return len(self._buf)

    def feed(self, data: bytes) -> list[Event]:
        return [event for event, _ in self.feed_spans(data)]

    def feed_spans(self, data: bytes) -> list[tuple[Event, bytes]]:
        """Like :meth:`feed`, with the exact bytes of each command."""
        self._buf += data
        spans: list[tuple[Event, bytes]] = []
        pos = 0
        while pos < len(self._buf):
            try:
                event, size = _parse_one(self._buf, pos)
            except _Incomplete:
                break
            spans.append((event, bytes(self._buf[pos:pos + size])))
            pos += size
        del self._buf[:pos]
        return spans

    def finish(self) -> list[tuple[Event, bytes]]:
        """End of stream: whatever is left is an incomplete command."""
        rest, self._buf = bytes(self._buf), bytearray()
        return [(Unknown(rest), rest)] if rest else []


def _need(buf: bytearray, end: int) -> None:
    if len(buf) < end:
        raise _Incomplete


def _u16(buf: bytearray, at: int) -> int:
    return buf[at] | (buf[at + 1] << 8)


def _parse_one(buf: bytearray, pos: int) -> tuple[Event, int]:
    byte = buf[pos]
    if byte == ESC:
        return _parse_esc(buf, pos)
    if byte == GS:
        return _parse_gs(buf, pos)
    if byte == DLE:
        _need(buf, pos + 2)
        if buf[pos + 1] in (0x04, 0x05):
            _need(buf, pos + 3)
            event = StatusQuery(buf[pos + 2]) if buf[pos + 1] == 0x04 else Unknown(bytes(buf[pos:pos + 3]))
            return event, 3
        if buf[pos + 1] == 0x14:
            _need(buf, pos + 5)
            return Unknown(bytes(buf[pos:pos + 5])), 5
        return Unknown(bytes(buf[pos:pos + 1])), 1
    if byte == FS:
        _need(buf, pos + 2)
        size = {ord("p"): 4, ord("C"): 3, ord("!"): 3}.get(buf[pos + 1], 2)
        _need(buf, pos + size)
        return Unknown(bytes(buf[pos:pos + size])), size
    if byte == 0x0A:
        return LineFeed(), 1
    if byte >= 0x20:
        end = pos
        while end < len(buf) and buf[end] >= 0x20 and buf[end] not in (ESC, GS, FS, DLE):
            end += 1
        return Text(bytes(buf[pos:end])), end - pos
    return Unknown(bytes(buf[pos:pos + 1])), 1  # CR, HT and other controls


def _parse_esc(buf: bytearray, pos: int) -> tuple[Event, int]:
    _need(buf, pos + 2)
    letter = bytes(buf[pos + 1:pos + 2])
    if letter == b"*":  # column bit image: m nL nH then nL+256nH columns of 1 or 3 bytes
        _need(buf, pos + 5)
        size = 5 + _u16(buf, pos + 3) * (3 if buf[pos + 2] in (32, 33) else 1)
        _need(buf, pos + size)
        return Unknown(bytes(buf[pos:pos + 5])), size
    if letter == b"D":  # tab positions, NUL-terminated, at most 32
        end = buf.find(b"\x00", pos + 2, pos + 35)
        if end < 0:
            _need(buf, pos + 35)
            return Unknown(bytes(buf[pos:pos + 2])), 2
        return Unknown(bytes(buf[pos:end + 1])), end + 1 - pos
    size = _ESC_FIXED.get(letter, 2)
    _need(buf, pos + size)
    arg = buf[pos + 2] if size >= 3 else 0
    if letter == b"@":
        return Init(), 2
    if letter in (b"i", b"m"):
        return Cut(), 2
    if letter == b"a":
        return Align(arg - 48 if arg >= 48 else arg & 3), 3
    if letter in (b"E", b"G"):
        return Bold(bool(arg & 1)), 3
    if letter == b"d":
        return FeedLines(arg), 3
    if letter == b"J":
        return FeedDots(arg), 3
    if letter == b"!":
        return CharSize(2 if arg & 0x20 else 1, 2 if arg & 0x10 else 1), 3
    return Unknown(bytes(buf[pos:pos + size])), size


def _parse_gs(buf: bytearray, pos: int) -> tuple[Event, int]:
    _need(buf, pos + 2)
    letter = bytes(buf[pos + 1:pos + 2])
    if letter == b"v":  # GS v 0 m xL xH yL yH d1...dk
        _need(buf, pos + 8)
        width_bytes, height = _u16(buf, pos + 4), _u16(buf, pos + 6)
        if buf[pos + 2] not in (0, 48) or width_bytes * height > MAX_RASTER_BYTES:
            return Unknown(bytes(buf[pos:pos + 2])), 2
        end = pos + 8 + width_bytes * height
        _need(buf, end)
        return Raster(width_bytes, height, bytes(buf[pos + 8:end])), end - pos
    if letter == b"V":  # GS V m, or GS V m n for the feed-and-cut functions
        _need(buf, pos + 3)
        size = 4 if buf[pos + 2] in (65, 66, 97, 98, 103, 104) else 3
        _need(buf, pos + size)
        return Cut(), size
    if letter == b"(":  # GS ( fn pL pH [p bytes]
        _need(buf, pos + 5)
        size = 5 + _u16(buf, pos + 3)
        _need(buf, pos + size)
        body = bytes(buf[pos + 5:pos + size])
        if buf[pos + 2] == ord("k") and len(body) >= 2 and body[0] == 49:
            return _qr_event(body, bytes(buf[pos:pos + size])), size
        return Unknown(bytes(buf[pos:pos + 5])), size
    if letter == b"k":  # barcode: m < 7 NUL-terminated, else m n data
        _need(buf, pos + 3)
        if buf[pos + 2] < 7:
            end = buf.find(b"\x00", pos + 3, pos + 259)
            if end < 0:
                _need(buf, pos + 259)
                return Unknown(bytes(buf[pos:pos + 3])), 3
            return Unknown(bytes(buf[pos:end + 1])), end + 1 - pos
        _need(buf, pos + 4)
        size = 4 + buf[pos + 3]
        _need(buf, pos + size)
        return Unknown(bytes(buf[pos:size + pos])), size
    if letter == b"*":  # downloaded bit image: x y then x*y*8 bytes
        _need(buf, pos + 4)
        size = 4 + buf[pos + 2] * buf[pos + 3] * 8
        _need(buf, pos + size)
        return Unknown(bytes(buf[pos:pos + 4])), size
    size = _GS_FIXED.get(letter, 2)
    _need(buf, pos + size)
    if letter == b"!":
        arg = buf[pos + 2]
        return CharSize(((arg >> 4) & 7) + 1, (arg & 7) + 1), 3
    if letter == b"B":
        return Invert(bool(buf[pos + 2] & 1)), 3
    if letter == b"r":
        return TransmitStatus(buf[pos + 2] - 48 if buf[pos + 2] >= 48 else buf[pos + 2]), 3
    return Unknown(bytes(buf[pos:pos + size])), size


def _qr_event(body: bytes, raw: bytes) -> Event:
    function = body[1]
    if function in (65, 67, 69) and len(body) >= 3:
        return QRSetting(function, body[2])
    if function == 80 and len(body) >= 3:  # store: cn fn m data
        return QRStore(body[3:])
    if function == 81:
        return QRPrint()
    return Unknown(raw)
