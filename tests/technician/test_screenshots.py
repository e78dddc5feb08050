"""`kiosk screenshot --only technician`: the PIN pad, the panel with a fault, each device page
and the greyed home tile, in Vietnamese and English, at the smallest kiosk screen."""
from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image

PAGES = ("printer", "qr_camera", "scanner", "card_reader", "voice", "central", "store", "software", "log")


def screenshot(out, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "screenshot", "--out", str(out), *args],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_every_technician_screen_is_rendered_in_both_languages(tmp_path):
    done = screenshot(tmp_path, "--size", "1280x800", "--only", "technician")
    assert done.returncode == 0, done.stderr[-2000:]
    states = ["pin", "pin_wrong", "panel_fault", *(f"device_{p}" for p in PAGES), "home_printer_paper_out"]
    expected = {f"{lang}_technician_{s}.png" for lang in ("vi", "en") for s in states}
    assert {p.name for p in tmp_path.glob("*.png")} == expected  # only what was asked for
    assert {Image.open(p).size for p in tmp_path.glob("*.png")} == {(1280, 800)}


def test_an_unknown_area_is_refused():
    done = screenshot("/nonexistent", "--only", "toaster")
    assert done.returncode == 2 and "toaster" in done.stderr
