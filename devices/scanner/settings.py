"""Configuration of the document capture device and of digitizing (section ``[scanner]``)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from msgspec import Meta, Struct


class ScannerSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """The document camera or flatbed scanner used to digitize papers, and how pages are kept.

    ``backend``: ``camera`` (OpenCV document camera, ``camera_index`` or ``camera_uri``),
    ``sane`` (a flatbed through SANE's ``scanimage``, ``sane_device`` e.g. ``test`` or
    ``genesys:libusb:001:004``), or ``simulator`` (pictures from ``simulator_dir``; the bundled
    synthetic set when empty). A real device that is missing is a fault, never replaced by
    the simulator.
    """

    backend: Literal["simulator", "camera", "sane"] = "simulator"
    # document camera
    camera_index: int = 0
    camera_uri: str = ""  # a file/stream URL instead of an index (e.g. rtsp://…)
    preview_width: Annotated[int, Meta(ge=320)] = 1920
    preview_height: Annotated[int, Meta(ge=240)] = 1080
    still_width: Annotated[int, Meta(ge=640)] = 3264  # ≥ 8 MP: a preview frame is too coarse
    still_height: Annotated[int, Meta(ge=480)] = 2448
    # the camera's 35 mm-equivalent focal length (spec sheet, or EXIF of one of its photos):
    # a photographed page's true shape then needs no estimate; 0 = estimate from each page
    camera_focal_35mm: Annotated[float, Meta(ge=0, le=300)] = 0.0
    page_dpi: Annotated[int, Meta(ge=150, le=400)] = 200  # photographed pages are drawn at this
    # flatbed
    sane_device: str = "test"
    sane_dpi: Annotated[int, Meta(ge=75, le=1200)] = 300
    sane_timeout_s: Annotated[float, Meta(gt=0)] = 60.0
    # simulator
    simulator_dir: Path | None = None
    # auto-capture: the page must stay within this fraction of the frame diagonal …
    steady_tolerance: Annotated[float, Meta(gt=0, lt=0.2)] = 0.01
    # … for this long before it is taken
    steady_seconds: Annotated[float, Meta(ge=0.1, le=10)] = 0.8
    # keeping pages
    colour_mode: Literal["auto", "colour", "grey", "bilevel"] = "auto"
    page_budget_kb: Annotated[int, Meta(ge=50, le=5000)] = 400
    max_pixels: Annotated[int, Meta(ge=1_000_000)] = 40_000_000
    # OCR
    # the Vietnamese model alone: it reads Latin letters and digits too, and adding "eng" made
    # upper-case Vietnamese lose its marks (docs/papers.md, "OCR language")
    ocr_languages: str = "vie"
    ocr_psm: Literal[3, 6] = 3
    ocr_timeout_s: Annotated[float, Meta(gt=0)] = 60.0
    tesseract_command: str = "tesseract"
