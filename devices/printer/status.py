"""Real-time status of an ESC/POS printer, read with ``DLE EOT n``.

Bit meanings follow the Epson ESC/POS command reference, "DLE EOT n" (transmit real-time
status). Every reply byte has bit 1 and bit 4 set and bits 0 and 7 clear; a reply that does
not look like that is not a status byte. No reply, an empty reply or a malformed one means
UNKNOWN: never read silence as "OK" (python-escpos' ``paper_status()`` does, see
docs/printing.md).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Callable

DLE_EOT = b"\x10\x04"
GS_R_PAPER = b"\x1dr\x01"  # "GS r 1": paper sensor status, answered in buffer order
PRINTER_STATUS, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR = 1, 2, 3, 4

_FIXED_MASK, _FIXED_VALUE = 0x93, 0x12
_OFFLINE = 0x08  # n=1 bit 3
_COVER_OPEN = 0x04  # n=2 bit 2
_STOPPED_PAPER_END = 0x20  # n=2 bit 5
_ERROR = 0x40  # n=2 bit 6
_NEAR_END = 0x0C  # n=4 bits 2-3
_PAPER_END = 0x60  # n=4 bits 5-6


class PaperState(str, enum.Enum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


class PrinterState(str, enum.Enum):
    """One word for the whole printer, worst fault first; what the caller stores."""

    OK = "ok"
    NEAR_END = "near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself; ``None`` means it did not say."""

    online: bool | None = None
    paper: PaperState = PaperState.UNKNOWN
    cover_open: bool | None = None
    error: bool | None = None
    replies: dict[int, str] = field(default_factory=dict)  # n -> reply in hex, for the log

    @property
    def state(self) -> PrinterState:
        if self.paper is PaperState.OUT:
            return PrinterState.PAPER_OUT
        if self.cover_open:
            return PrinterState.COVER_OPEN
        if self.online is False:
            return PrinterState.OFFLINE
        if self.online is None or self.paper is PaperState.UNKNOWN:
            return PrinterState.UNKNOWN
        if self.paper is PaperState.NEAR_END:
            return PrinterState.NEAR_END
        return PrinterState.OK

    @property
    def known(self) -> bool:
        return self.state is not PrinterState.UNKNOWN

    @property
    def blocks_printing(self) -> bool:
        """True when the printer said it cannot print (a job would be lost)."""
        return self.state in (PrinterState.PAPER_OUT, PrinterState.COVER_OPEN, PrinterState.OFFLINE)

    def to_dict(self) -> dict:
        """A JSON-ready record for storing with the ticket."""
        return {
            "state": self.state.value,
            "online": self.online,
            "paper": self.paper.value,
            "cover_open": self.cover_open,
            "error": self.error,
            "replies": {str(n): hx for n, hx in self.replies.items()},
        }


UNKNOWN_STATUS = PrinterStatus()


def status_byte(reply: bytes) -> int | None:
    """The status byte of a reply, or None when the reply is not a valid status byte.

    Only the last byte counts: a late answer to an earlier query may precede it.
    """
    if not reply:
        return None
    value = reply[-1]
    if value & _FIXED_MASK != _FIXED_VALUE:
        return None
    return value


def query_status(ask: Callable[[bytes], bytes]) -> PrinterStatus:
    """Ask the printer for status n=1, 2 and 4 through ``ask(command) -> reply``.

    ``ask`` returns b"" when nothing came back in time. If the first query gets no valid
    answer the printer is not asked again (a silent printer would cost one timeout each).
    """
    replies: dict[int, str] = {}

    def read(n: int) -> int | None:
        reply = ask(DLE_EOT + bytes([n]))
        replies[n] = reply.hex()
        return status_byte(reply)

    printer = read(PRINTER_STATUS)
    if printer is None:
        return PrinterStatus(replies=replies)
    cause = read(OFFLINE_CAUSE)
    sensor = read(PAPER_SENSOR)
    return PrinterStatus(
        online=not printer & _OFFLINE,
        paper=_paper_state(sensor, cause),
        cover_open=None if cause is None else bool(cause & _COVER_OPEN),
        error=None if cause is None else bool(cause & _ERROR),
        replies=replies,
    )


def _paper_state(sensor: int | None, cause: int | None) -> PaperState:
    if sensor is None:
        if cause is not None and cause & _STOPPED_PAPER_END:
            return PaperState.OUT
        return PaperState.UNKNOWN
    if sensor & _PAPER_END:
        return PaperState.OUT
    if sensor & _NEAR_END:
        return PaperState.NEAR_END
    return PaperState.OK


def encode_status(*, online: bool, cover_open: bool, paper: PaperState, error: bool) -> dict[int, int]:
    """The reply bytes a printer in that state sends (used by the emulator)."""
    printer = _FIXED_VALUE | (0 if online else _OFFLINE)
    cause = _FIXED_VALUE | (_COVER_OPEN if cover_open else 0) | (_ERROR if error else 0)
    if paper is PaperState.OUT:
        cause |= _STOPPED_PAPER_END
    sensor = _FIXED_VALUE | {
        PaperState.OK: 0, PaperState.NEAR_END: _NEAR_END, PaperState.OUT: _NEAR_END | _PAPER_END,
        PaperState.UNKNOWN: 0,
    }[paper]
    return {PRINTER_STATUS: printer, OFFLINE_CAUSE: cause, ERROR_CAUSE: _FIXED_VALUE, PAPER_SENSOR: sensor}


# GS r 1 reply: bits 0-1 near end, bits 2-3 paper end, bits 4 and 7 clear. Bit 4 tells it
# apart from a DLE EOT reply, where bit 4 is always set.
_GS_R_NEAR_END, _GS_R_PAPER_END, _GS_R_FIXED = 0x03, 0x0C, 0x90


def transmit_paper_state(reply: bytes) -> PaperState | None:
    """The paper state in a ``GS r 1`` reply, or None if the reply is not one."""
    if not reply or reply[-1] & _GS_R_FIXED:
        return None
    value = reply[-1]
    if value & _GS_R_PAPER_END:
        return PaperState.OUT
    if value & _GS_R_NEAR_END:
        return PaperState.NEAR_END
    return PaperState.OK


def encode_transmit_paper(paper: PaperState) -> int:
    """The ``GS r 1`` reply byte for a paper state (used by the emulator)."""
    return {PaperState.OUT: _GS_R_NEAR_END | _GS_R_PAPER_END,
            PaperState.NEAR_END: _GS_R_NEAR_END}.get(paper, 0)
