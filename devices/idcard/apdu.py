"""ISO/IEC 7816-4 command APDUs, short and extended length, both built and parsed.

The same code serves the reader (building) and the card emulator (parsing), so one set of
tests covers the encoding rules both ways.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import ChipError

SW_OK = 0x9000


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # None: no response data expected; 256/65536 = "as much as possible"

    def encode(self, extended: bool | None = None) -> bytes:
        if extended is None:
            extended = len(self.data) > 255 or (self.le is not None and self.le > 256)
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if extended:
            if self.data:
                out += b"\x00" + len(self.data).to_bytes(2, "big") + self.data
            if self.le is not None:
                le = b"\x00\x00" if self.le >= 65536 else self.le.to_bytes(2, "big")
                out += le if self.data else b"\x00" + le
            return out
        if len(self.data) > 255 or (self.le is not None and self.le > 256):
            raise ValueError("command needs extended length")
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([0 if self.le >= 256 else self.le])
        return out


def parse_command(raw: bytes) -> tuple[Command, bool]:
    """Parse a command APDU; return it and whether it used extended length."""
    n = len(raw)
    if n < 4:
        raise ChipError("APDU shorter than a header")
    cla, ins, p1, p2 = raw[:4]
    if n == 4:
        return Command(cla, ins, p1, p2), False
    if n == 5:
        return Command(cla, ins, p1, p2, le=raw[4] or 256), False
    if raw[4] != 0:
        lc = raw[4]
        data = raw[5:5 + lc]
        rest = raw[5 + lc:]
        if len(data) != lc or len(rest) > 1:
            raise ChipError("short APDU length mismatch")
        le = (rest[0] or 256) if rest else None
        return Command(cla, ins, p1, p2, bytes(data), le), False
    if n == 7:
        return Command(cla, ins, p1, p2, le=int.from_bytes(raw[5:7], "big") or 65536), True
    lc = int.from_bytes(raw[5:7], "big")
    data = raw[7:7 + lc]
    rest = raw[7 + lc:]
    if lc == 0 or len(data) != lc or len(rest) not in (0, 2):
        raise ChipError("extended APDU length mismatch")
    le = (int.from_bytes(rest, "big") or 65536) if rest else None
    return Command(cla, ins, p1, p2, bytes(data), le), True
