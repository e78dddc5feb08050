"""Configuration of the ticket/receipt printer (section ``[printer]``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PrinterSettings(BaseModel):
    """Which printer, over which cable, with which paper.

    ``uri`` names the transport: ``tcp://HOST:PORT`` (network, port 9100 by default),
    ``usb://VID:PID``, ``serial:///dev/ttyUSB0?baudrate=19200``, ``file:///dev/usb/lp0``,
    or ``emulator`` (the bundled ESC/POS emulator on 127.0.0.1, for the demo).
    """

    model_config = ConfigDict(extra="forbid")

    uri: str = "emulator"
    paper_width_mm: Literal[58, 80] = 80
    profile: str = "TM-T88V"
    native_qr: bool = True
    timeout_s: float = Field(default=3.0, gt=0)
