"""Configuration of the document capture device and of digitizing (section ``[scanner]``)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ScannerSettings(BaseModel):
    """The document camera or flatbed scanner used to digitize papers, and how pages are kept.

    ``backend``: ``camera`` (OpenCV document camera, ``camera_index`` or ``camera_uri``),
    ``sane`` (a flatbed through SANE's ``scanimage``, ``sane_device`` e.g. ``test`` or
    ``genesys:libusb:001:004``), or ``simulator`` (pictures from ``simulator_dir``; the bundled
    synthetic set when empty). A real device that is missing is a fault, never replaced by
    the simulator.
    """

    model_config = ConfigDict(extra="forbid")

    backend: Literal["simulator", "camera", "sane"] = "simulator"
    # document camera
    camera_index: int = 0
    camera_uri: str = ""  # a file/stream URL instead of an index (e.g. rtsp://…)
    preview_width: int = Field(default=1920, ge=320)
    preview_height: int = Field(default=1080, ge=240)
    still_width: int = Field(default=3264, ge=640)  # ≥ 8 MP: a preview frame is too coarse
    still_height: int = Field(default=2448, ge=480)
    # the camera's 35 mm-equivalent focal length (spec sheet, or EXIF of one of its photos):
    # a photographed page's true shape then needs no estimate; 0 = estimate from each page
    camera_focal_35mm: float = Field(default=0.0, ge=0, le=300)
    page_dpi: int = Field(default=200, ge=150, le=400)  # photographed pages are drawn at this
    # flatbed
    sane_device: str = "test"
    sane_dpi: int = Field(default=300, ge=75, le=1200)
    sane_timeout_s: float = Field(default=60.0, gt=0)
    # simulator
    simulator_dir: Path | None = None
    # auto-capture: the page must stay within this fraction of the frame diagonal …
    steady_tolerance: float = Field(default=0.01, gt=0, lt=0.2)
    # … for this long before it is taken
    steady_seconds: float = Field(default=0.8, ge=0.1, le=10)
    # keeping pages
    colour_mode: Literal["auto", "colour", "grey", "bilevel"] = "auto"
    page_budget_kb: int = Field(default=400, ge=50, le=5000)
    max_pixels: int = Field(default=40_000_000, ge=1_000_000)
    # OCR
    # the Vietnamese model alone: it reads Latin letters and digits too, and adding "eng" made
    # upper-case Vietnamese lose its marks (docs/papers.md, "OCR language")
    ocr_languages: str = "vie"
    ocr_psm: Literal[3, 6] = 3
    ocr_timeout_s: float = Field(default=60.0, gt=0)
    tesseract_command: str = "tesseract"
