"""Ticket and receipt printing over ESC/POS (Qt-free). See docs/printing.md.

Public API::

    printer = open_printer(settings)            # PrinterSettings; does not connect yet
    printer.status() -> PrinterStatus           # DLE EOT; unknown is never OK
    printer.print_layout(layout, data) -> PrintOutcome
    printer.close()

The driver half (``printer``: python-escpos, whose printer database costs ~0.35 s to parse
at import) loads on first use, so the kiosk's configuration and home screen do not pay for
it at start.
"""
from .errors import (CoverOpen, LayoutError, PaperOut, PrinterError, PrinterOffline,
                     PrinterUnreachable, PrintFailed)
from .layouts import receipt_layout, ticket_data, ticket_layout, ticket_qr_payload
from .settings import PrinterSettings
from .status import PaperState, PrinterState, PrinterStatus

_DRIVER = {"Printer", "PrintOutcome", "PrintResult", "PrintUnconfirmed", "open_printer"}


def __getattr__(name: str):
    if name in _DRIVER:
        from . import printer

        return getattr(printer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CoverOpen", "LayoutError", "PaperOut", "PaperState", "PrintFailed", "PrintOutcome",
    "PrintResult", "PrintUnconfirmed", "Printer", "PrinterError", "PrinterOffline",
    "PrinterSettings", "PrinterState", "PrinterStatus", "PrinterUnreachable", "open_printer",
    "receipt_layout", "ticket_data", "ticket_layout", "ticket_qr_payload",
]
