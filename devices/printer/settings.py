"""Configuration of the ticket/receipt printer (section ``[printer]``)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class PrinterSettings(BaseModel):
    """Which printer, over which cable, with which paper.

    ``uri`` names the transport: ``tcp://HOST:PORT`` (network, port 9100 by default),
    ``usb://VID:PID`` (hex), ``serial:///dev/ttyUSB0?baudrate=19200``, ``file:///dev/usb/lp0``,
    or ``emulator`` (the bundled ESC/POS emulator on 127.0.0.1, for the demo; its PNGs go to
    ``emulator_dir``). See docs/printing.md.
    """

    model_config = ConfigDict(extra="forbid")

    uri: str = "emulator"
    paper_width_mm: Literal[58, 80] = 80
    # python-escpos profile name: gives the raster width and whether GS ( k QR exists
    profile: str = "TM-T88V"
    # print QR codes with the printer's own GS ( k command (if the profile has it)
    native_qr: bool = True
    # connect / send timeout
    timeout_s: float = Field(default=3.0, gt=0)
    # how long to wait for each DLE EOT answer before calling the status unknown
    status_timeout_s: float = Field(default=0.5, gt=0, le=10)
    # after the job, ask "GS r 1" (answered only once the printer has processed the whole
    # job) and wait up to print_timeout_s; off only for printers without GS r
    confirm_end: bool = True
    print_timeout_s: float = Field(default=8.0, gt=0, le=60)
    # where the emulator (uri = "emulator") writes its PNGs; empty = the user data dir
    emulator_dir: str = ""

    @field_validator("uri")
    @classmethod
    def _known_transport(cls, uri: str) -> str:
        if uri != "emulator":
            from .address import parse_uri

            parse_uri(uri)
        return uri

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, name: str) -> str:
        if name not in escpos_profiles():
            raise ValueError(f"unknown python-escpos printer profile {name!r}")
        return name


@lru_cache(maxsize=1)
def escpos_profiles() -> frozenset[str]:
    """The printer profiles python-escpos knows, read from its capabilities.json directly:
    importing ``escpos.capabilities`` parses the same file as YAML (~0.35 s), too slow for
    reading the configuration at start."""
    text = files("escpos").joinpath("capabilities.json").read_text("utf-8")
    return frozenset(json.loads(text)["profiles"])
