"""A printer: status before, the job, status after, and an outcome the caller stores.

Rules (issue 2, part 6; domain.md §6 "a ticket whose print failed must not count as issued"):
- a job is refused, not sent, when the status before says offline, paper out or cover open;
- a status nobody answered is UNKNOWN, never OK: the job is sent, the outcome says so;
- ``ok`` is True only when the bytes went through, the printer reported that it processed
  the whole job (``GS r 1``, answered in buffer order, unlike ``DLE EOT`` which a printer
  answers on arrival — possibly while the ticket is still in its buffer) and said afterwards
  that it is fine (near end included: the ticket printed, the technician is told).
"""
from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from escpos.capabilities import get_profile

from .errors import CoverOpen, PaperOut, PrinterError, PrinterOffline, PrintFailed
from .job import build_job
from .layouts import Layout
from .settings import PrinterSettings
from .status import (GS_R_PAPER, UNKNOWN_STATUS, PaperState, PrinterState, PrinterStatus,
                     query_status, status_byte, transmit_paper_state)
from .transport import Transport, parse_uri

PAPER_DOTS = {58: 384, 80: 576}  # printable dots at 203 dpi: 48 mm and 72 mm


class PrintResult(str, enum.Enum):
    PRINTED = "printed"  # sent, and the printer said afterwards that it is fine
    UNCONFIRMED = "unconfirmed"  # sent, but the printer did not say (silent, file:// …)
    REFUSED = "refused"  # not sent: the status before showed a fault
    FAILED = "failed"  # unreachable, cut off mid-job, or a fault right after the job


class PrintUnconfirmed(PrinterError):
    """The bytes left, but the printer never said whether it printed."""

    vi = "Không xác nhận được phiếu đã in. Vui lòng kiểm tra khay phiếu hoặc báo cán bộ tại quầy."
    en = "The printer did not confirm the ticket. Please check the tray or tell the staff at the counter."


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one job; store it with the ticket (see :meth:`to_dict`)."""

    result: PrintResult
    status_before: PrinterStatus
    status_after: PrinterStatus
    bytes_sent: int
    duration_s: float
    error: PrinterError | None = None  # has .vi / .en for the citizen, str() for the log
    end_confirmed: bool | None = None  # GS r 1 answered after the job; None = not asked

    @property
    def ok(self) -> bool:
        return self.result is PrintResult.PRINTED

    @property
    def needs_attention(self) -> bool:
        """The technician should look (paper near end, unknown status, any fault)."""
        return not self.ok or PrinterState.NEAR_END in (self.status_before.state,
                                                         self.status_after.state)

    def raise_for_error(self) -> None:
        if self.error is not None:
            raise self.error

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "result": self.result.value,
            "status_before": self.status_before.to_dict(),
            "status_after": self.status_after.to_dict(),
            "end_confirmed": self.end_confirmed,
            "bytes_sent": self.bytes_sent,
            "duration_s": round(self.duration_s, 4),
            "error": None if self.error is None else type(self.error).__name__,
            "error_detail": None if self.error is None else str(self.error),
        }


def fault_for(status: PrinterStatus) -> PrinterError | None:
    """The citizen-facing fault a status stands for, or None."""
    state = status.state
    detail = f"printer status {state.value}: {status.replies}"
    if state is PrinterState.PAPER_OUT:
        return PaperOut(detail)
    if state is PrinterState.COVER_OPEN:
        return CoverOpen(detail)
    if state is PrinterState.OFFLINE:
        return PrinterOffline(detail)
    return None


def raster_width(profile: str, paper_width_mm: int) -> int:
    """Dots per raster line: the profile's width, never more than the paper allows."""
    paper = PAPER_DOTS[paper_width_mm]
    pixels = get_profile(profile).profile_data.get("media", {}).get("width", {}).get("pixels")
    return min(paper, pixels) if isinstance(pixels, int) else min(paper, 512)


class Printer:
    """One configured printer. Thread-safe: jobs and status queries are serialised."""

    def __init__(self, settings: PrinterSettings, transport: Transport) -> None:
        self.settings = settings
        self.transport = transport
        self.raster_width = raster_width(settings.profile, settings.paper_width_mm)
        profile_qr = get_profile(settings.profile).supports("qrCode")
        self.native_qr = settings.native_qr and profile_qr
        self._lock = threading.Lock()

    def __enter__(self) -> "Printer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def status(self) -> PrinterStatus:
        """Ask the printer now. Raises PrinterUnreachable / PrintFailed when it cannot be asked."""
        with self._lock:
            return self._fresh_status()

    def _status(self) -> PrinterStatus:
        if not self.transport.can_read:
            self.transport.open()
            return UNKNOWN_STATUS
        return query_status(lambda cmd: self.transport.ask(
            cmd, self.settings.status_timeout_s, valid=lambda r: status_byte(r) is not None))

    def _fresh_status(self) -> PrinterStatus:
        """Status on a connection that may have gone stale (printer restarted, cable
        replugged): a reused connection that fails or stays silent is reopened once."""
        reused = self.transport.is_open
        try:
            status = self._status()
        except PrintFailed:
            if not reused:
                raise
            status = UNKNOWN_STATUS
        if reused and not status.known and self.transport.can_read:
            self.transport.close()
            status = self._status()
        return status

    def _job_end(self, timeout_s: float) -> PaperState:
        """Wait until the printer has processed everything sent (its GS r 1 answer)."""
        reply = self.transport.ask(GS_R_PAPER, timeout_s,
                                   valid=lambda r: transmit_paper_state(r) is not None)
        return transmit_paper_state(reply) or PaperState.UNKNOWN

    def render(self, layout: Layout, data: dict) -> bytes:
        """The job's bytes for this printer (raises LayoutError; sends nothing)."""
        return build_job(layout, data, profile=self.settings.profile,
                         raster_width=self.raster_width, native_qr=self.native_qr)

    def print_layout(self, layout: Layout, data: dict) -> PrintOutcome:
        """Render and print; device faults come back in the outcome, never raised.

        A :class:`~devices.printer.errors.LayoutError` (wrong data) is raised before anything
        is sent.
        """
        return self.print_bytes(self.render(layout, data))

    def print_bytes(self, job: bytes) -> PrintOutcome:
        start = time.monotonic()
        before = after = UNKNOWN_STATUS
        sent = 0
        end: PaperState | None = None

        def outcome(result: PrintResult, error: PrinterError | None) -> PrintOutcome:
            confirmed = None if end is None else end is not PaperState.UNKNOWN
            return PrintOutcome(result, before, after, sent, time.monotonic() - start, error,
                                confirmed)

        with self._lock:
            try:
                before = self._fresh_status()
                refusal = fault_for(before)
                if refusal is not None:
                    return outcome(PrintResult.REFUSED, refusal)
                self.transport.send(job)
                sent = len(job)
                if self.settings.confirm_end and self.transport.can_read:
                    # a printer that was silent a moment ago gets no long wait
                    wait = (self.settings.print_timeout_s if before.known
                            else self.settings.status_timeout_s)
                    end = self._job_end(wait)
                after = self._status()
            except PrinterError as exc:
                return outcome(PrintResult.FAILED, exc)
        fault = fault_for(after)
        if fault is None and end is PaperState.OUT:
            fault = PaperOut("GS r 1 reported paper end after the job")
        if fault is not None:
            return outcome(PrintResult.FAILED, fault)
        if not after.known or end is PaperState.UNKNOWN:
            return outcome(PrintResult.UNCONFIRMED, PrintUnconfirmed(
                f"no confirmation after the job: end={end}, status={after.replies}"))
        return outcome(PrintResult.PRINTED, None)

    def close(self) -> None:
        with self._lock:
            self.transport.close()


def open_printer(settings: PrinterSettings) -> Printer:
    """The printer the settings name. Does not connect yet, so a missing printer never stops
    the kiosk: the first status()/print reports it (and reconnects after a failure).

    ``uri = "emulator"`` uses the process-wide bundled emulator on 127.0.0.1
    (:func:`devices.printer.emulator.shared_emulator`). A malformed URI raises ValueError.
    """
    uri = settings.uri
    if uri == "emulator":
        from .emulator import shared_emulator

        uri = shared_emulator(settings.emulator_dir or None).uri
    transport = Transport(parse_uri(uri), profile=settings.profile, timeout_s=settings.timeout_s)
    return Printer(settings, transport)


def print_once(open_printer_fn: Callable[[], "Printer"], layout: Layout, data: dict) -> PrintOutcome:
    """Open the printer, print one job, close it: a ticket or a receipt a citizen waits for.

    A connection per job means a printer restarted between citizens needs nothing from us.
    """
    printer = open_printer_fn()
    try:
        return printer.print_layout(layout, data)
    finally:
        printer.close()
