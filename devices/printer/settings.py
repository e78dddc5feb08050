"""Configuration of the ticket/receipt printer (section ``[printer]``)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Annotated, Literal

from msgspec import Meta, Struct


class PrinterSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """Which printer, over which cable, with which paper.

    ``uri`` names the transport: ``tcp://HOST:PORT`` (network, port 9100 by default),
    ``usb://VID:PID`` (hex), ``serial:///dev/ttyUSB0?baudrate=19200``, ``file:///dev/usb/lp0``,
    or ``emulator`` (the bundled ESC/POS emulator on 127.0.0.1, for the demo; its PNGs go to
    ``emulator_dir``). See docs/printing.md.

    The transport and the profile are checked whenever settings are made, from a file or in
    code; a wrong one raises ValueError starting with the key (``uri: …``), which the
    configuration reader turns into ``printer.uri``.
    """

    uri: str = "emulator"
    paper_width_mm: Literal[58, 80] = 80
    # python-escpos profile name: gives the raster width and whether GS ( k QR exists
    profile: str = "TM-T88V"
    # print QR codes with the printer's own GS ( k command (if the profile has it)
    native_qr: bool = True
    # connect / send timeout
    timeout_s: Annotated[float, Meta(gt=0)] = 3.0
    # how long to wait for each DLE EOT answer before calling the status unknown
    status_timeout_s: Annotated[float, Meta(gt=0, le=10)] = 0.5
    # after the job, ask "GS r 1" (answered only once the printer has processed the whole
    # job) and wait up to print_timeout_s; off only for printers without GS r
    confirm_end: bool = True
    print_timeout_s: Annotated[float, Meta(gt=0, le=60)] = 8.0
    # where the emulator (uri = "emulator") writes its PNGs; empty = the user data dir
    emulator_dir: str = ""

    def __post_init__(self) -> None:
        if self.uri != "emulator":
            from .address import parse_uri

            try:
                parse_uri(self.uri)
            except ValueError as exc:
                raise ValueError(f"uri: {exc}") from None
        if self.profile not in escpos_profiles():
            raise ValueError(f"profile: unknown python-escpos printer profile {self.profile!r}")


@lru_cache(maxsize=1)
def escpos_profiles() -> frozenset[str]:
    """The printer profiles python-escpos knows, read from its capabilities.json directly:
    importing ``escpos.capabilities`` parses the same file as YAML (~0.35 s), too slow for
    reading the configuration at start."""
    text = files("escpos").joinpath("capabilities.json").read_text("utf-8")
    return frozenset(json.loads(text)["profiles"])
