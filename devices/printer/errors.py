"""Printer faults a citizen may see, each with plain Vietnamese and English words.

Per docs/architecture.md: ``vi`` and ``en`` tell the citizen what happened and what to do;
``str(exc)`` carries the technical detail for the log (never personal data).
"""
from __future__ import annotations

_ASK_STAFF_VI = "Vui lòng báo cán bộ tại quầy."
_ASK_STAFF_EN = "Please tell the staff at the counter."


class PrinterError(Exception):
    """Base of every printing fault; ``vi``/``en`` are for the screen, ``str()`` for the log."""

    vi = "Không in được phiếu. " + _ASK_STAFF_VI
    en = "The ticket could not be printed. " + _ASK_STAFF_EN
    #: only a person at the printer can mend it (load paper, close the cover): trying again
    #: at once cannot help, so the screen offers going home first
    needs_staff = False

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.en)


class PrinterUnreachable(PrinterError):
    """The transport could not be opened (cable, network, wrong address, powered off)."""

    vi = "Không kết nối được máy in. " + _ASK_STAFF_VI
    en = "The printer cannot be reached. " + _ASK_STAFF_EN


class PrinterOffline(PrinterError):
    """The printer answered that it is offline (error state, feeding, waiting)."""

    vi = "Máy in đang tạm ngừng hoạt động. " + _ASK_STAFF_VI
    en = "The printer is offline. " + _ASK_STAFF_EN


class PaperOut(PrinterError):
    """The roll paper end sensor reports no paper."""

    vi = "Máy in hết giấy. " + _ASK_STAFF_VI
    en = "The printer is out of paper. " + _ASK_STAFF_EN
    needs_staff = True


class CoverOpen(PrinterError):
    """The printer cover is open."""

    vi = "Nắp máy in đang mở. " + _ASK_STAFF_VI
    en = "The printer cover is open. " + _ASK_STAFF_EN
    needs_staff = True


class PrintFailed(PrinterError):
    """The bytes could not be delivered or the printer reported a fault after the job."""

    vi = "Phiếu chưa in xong. " + _ASK_STAFF_VI
    en = "The ticket was not printed completely. " + _ASK_STAFF_EN


class LayoutError(Exception):
    """A layout or its data is wrong: a programming/configuration error, not a citizen's."""
