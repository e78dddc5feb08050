"""One connection to the emulated printer: what arrives, what it answers, what it prints.

Like a real printer, ``DLE EOT`` is answered the moment it arrives (a real-time command),
while everything else goes through the receive buffer and is processed in order by a worker:
a slow mode delays the printing, not the real-time answers, and ``GS r 1`` is answered only
once everything before it has been processed (Epson ESC/POS reference, "GS r", "DLE EOT").
"""
from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import escpos_stream as ev
from .emulator_render import PaperRenderer
from .status import PaperState, encode_status, encode_transmit_paper

if TYPE_CHECKING:
    from .emulator import PrinterEmulator

MODES = ("normal", "paper_out", "near_end", "offline", "cover_open", "slow", "silent")
FAULT_MODES = ("paper_out", "offline", "cover_open")


@dataclass
class Job:
    """One job as the emulated paper saw it (split at the cut)."""

    index: int
    raw: bytes  # the job's commands, real-time status queries left out
    png_path: Path | None  # None when nothing was printed (fault mode, empty job)
    printed: bool  # False if the printer was in a fault mode while it came in
    cut: bool
    texts: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    raster_widths: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _paper(mode: str) -> PaperState:
    return {"paper_out": PaperState.OUT, "near_end": PaperState.NEAR_END}.get(mode, PaperState.OK)


def status_replies(mode: str) -> dict[int, int]:
    """DLE EOT reply bytes for a mode (``silent`` answers nothing)."""
    if mode == "silent":
        return {}
    return encode_status(online=mode not in FAULT_MODES, cover_open=mode == "cover_open",
                         paper=_paper(mode), error=mode == "offline")


def transmit_reply(mode: str, n: int) -> int | None:
    """GS r n reply for a mode; none while offline (the buffer waits) or silent."""
    if mode in ("silent", "offline", "cover_open"):
        return None
    return encode_transmit_paper(_paper(mode)) if n == 1 else 0x00


class Session:
    def __init__(self, emulator: "PrinterEmulator", reply: Callable[[bytes], object]) -> None:
        self.emulator = emulator
        self._reply = reply
        self._parser = ev.StreamParser()
        self._buffer: queue.Queue = queue.Queue()
        self._new_job()
        self._worker = threading.Thread(target=self._work, daemon=True, name="printer-emulator-worker")
        self._worker.start()

    def receive(self, chunk: bytes) -> None:
        """Bytes from the line: real-time queries answered now, the rest buffered."""
        for event, raw in self._parser.feed_spans(chunk):
            if isinstance(event, ev.StatusQuery):
                self.emulator.count_status_query()
                self._answer(status_replies(self.emulator.mode).get(event.n))
            else:
                self._buffer.put((event, raw))

    def end(self, timeout: float = 30.0) -> None:
        """The line closed: finish printing what was received."""
        for item in self._parser.finish():
            self._buffer.put(item)
        self._buffer.put(None)
        self._worker.join(timeout)

    def _answer(self, value: int | None) -> None:
        if value is None:
            return
        try:
            self._reply(bytes([value]))
        except OSError:  # the host went away; a printer does not care
            pass

    def _new_job(self) -> None:
        self.paper = PaperRenderer(self.emulator.paper_dots)
        self.raw = bytearray()
        self.printed = True

    def _work(self) -> None:
        while (item := self._buffer.get()) is not None:
            event, raw = item
            delay = self.emulator.processed(len(raw))
            if delay:
                self.emulator.pause(delay)
            self._process(event, raw)
        if self.paper.has_content or self.raw.replace(b"\x1b@", b""):
            self.emulator.record(self, cut=False)

    def _process(self, event: ev.Event, raw: bytes) -> None:
        mode = self.emulator.mode
        if isinstance(event, ev.TransmitStatus):
            self._answer(transmit_reply(mode, event.n))
            return
        self.raw += raw
        if mode in FAULT_MODES and not isinstance(event, ev.Init):
            self.printed = False
        if isinstance(event, ev.Cut):
            self.emulator.record(self, cut=True)
            self._new_job()
        elif self.printed:
            self.paper.apply(event)
