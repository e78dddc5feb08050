"""Ticket and receipt printing over ESC/POS (Qt-free). See docs/printing.md.

Public API::

    printer = open_printer(settings)            # PrinterSettings; does not connect yet
    printer.status() -> PrinterStatus           # DLE EOT; unknown is never OK
    printer.print_layout(layout, data) -> PrintOutcome
    printer.close()
"""
from .errors import (CoverOpen, LayoutError, PaperOut, PrinterError, PrinterOffline,
                     PrinterUnreachable, PrintFailed)
from .layouts import receipt_layout, ticket_data, ticket_layout, ticket_qr_payload
from .printer import Printer, PrintOutcome, PrintResult, PrintUnconfirmed, open_printer
from .settings import PrinterSettings
from .status import PaperState, PrinterState, PrinterStatus

__all__ = [
    "CoverOpen", "LayoutError", "PaperOut", "PaperState", "PrintFailed", "PrintOutcome",
    "PrintResult", "PrintUnconfirmed", "Printer", "PrinterError", "PrinterOffline",
    "PrinterSettings", "PrinterState", "PrinterStatus", "PrinterUnreachable", "open_printer",
    "receipt_layout", "ticket_data", "ticket_layout", "ticket_qr_payload",
]
