"""The path to the home screen stays light: what a kiosk restarted by its watchdog loads
before a citizen can touch it.

Measured in bench/bench_coldstart.py; guarded here by what is imported, not by time (CI's
machine is slower than ours): the printer driver (python-escpos parses its printer database
at import), SQLAlchemy and Alembic (the store opens behind the first frame), requests,
OpenCV and NumPy, OCR and PDF libraries all load after home shows, in ``warm_up``, the
store's opening, the sync worker or the first print.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("escpos.capabilities", "escpos.escpos", "sqlalchemy", "alembic", "requests", "cv2", "numpy", "pikepdf",
         "reportlab", "zxingcpp", "smartcard")

START = """
import json, pathlib, sys, tempfile
from kiosk.launch import build_home, demo_config
from PySide6.QtCore import QCoreApplication
data = pathlib.Path(sys.argv[1])
app, store = build_home(demo_config(data))
app.window.show()
QCoreApplication.processEvents()
home = sorted(sys.modules)
store.open()  # the first start creates the store (migrations may run)
print(json.dumps(home))
"""


def _modules_at_home(data_dir) -> set[str]:
    done = subprocess.run([sys.executable, "-c", START, str(data_dir)], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_restarted_kiosk_reaches_home_without_the_heavy_libraries(tmp_path):
    _modules_at_home(tmp_path)  # first start creates the store
    loaded = _modules_at_home(tmp_path)
    assert {"PySide6", "kiosk.screens.home"} <= loaded  # the probe saw a real start
    assert not loaded & set(HEAVY), f"loaded before home: {sorted(loaded & set(HEAVY))}"


def test_every_kiosk_command_starts_without_the_heavy_libraries():
    """`kiosk` builds the parser of every command before running one: none may load a
    database, image or printer library at registration (it cost `kiosk scan ocr` ~1 s)."""
    probe = ("import json, sys; from kiosk.cli import build_parser; build_parser();"
             "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(json.loads(done.stdout))
    heavy = set(HEAVY) | {"sqlalchemy", "PySide6", "pydantic"}
    assert not loaded & heavy, f"loaded by the parser: {sorted(loaded & heavy)}"
