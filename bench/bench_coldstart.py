"""Cold start of ``kiosk run`` to the home screen against a bare PySide6 window.

    .venv/bin/python bench/bench_coldstart.py [--runs 7] [--kiosk CMD]

Both programs are started as systemd starts the kiosk and stopped when they say
``READY=1`` on ``$NOTIFY_SOCKET`` (the kiosk says it once home is on screen,
kiosk/shell/watchdog.py; the bare window once its five widgets are shown). Measured: wall
time from exec to READY, and the peak RSS (VmHWM) at that moment. Runs alternate between
the two so both see the same machine load. Targets (issue 9): home within 3x the bare
window, peak RSS <= 150 MB. ``--kiosk`` times another command line (e.g. the bundle's
``dist/motcua-kiosk/kiosk run --windowed``).
"""
from __future__ import annotations

import argparse
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import os, socket
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
app = QApplication([])
w = QWidget(); box = QVBoxLayout(w)
for widget in (QLabel("Xin chào"), QPushButton("Lấy số thứ tự"), QPushButton("Nộp hồ sơ"),
               QPushButton("Tra cứu hồ sơ"), QLineEdit()):
    box.addWidget(widget)
w.resize(1920, 1080); w.show(); app.processEvents()
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.connect(os.environ["NOTIFY_SOCKET"]); s.send(b"READY=1")
app.exec()
"""


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def time_to_ready(argv: list[str], env: dict[str, str], timeout_s: float = 60.0) -> tuple[float, float]:
    """(seconds from exec to READY=1, peak RSS in MB at READY)."""
    with tempfile.TemporaryDirectory() as tmp:
        address = os.path.join(tmp, "notify")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(address)
        sock.settimeout(timeout_s)
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env={**env, "NOTIFY_SOCKET": address},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                message = sock.recv(4096)
                if b"READY=1" in message.split(b"\n"):
                    elapsed = time.perf_counter() - t0
                    return elapsed, _peak_rss_mb(proc.pid)
        finally:
            proc.kill()
            proc.wait()
            sock.close()


def kiosk_env(tmp: Path) -> dict[str, str]:
    """The bundled example configuration with its simulated devices, data in ``tmp``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK__")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_DATA_HOME=str(tmp / "data"), KIOSK__PRINTER__URI='"emulator"',
               KIOSK__PRINTER__EMULATOR_DIR=f'"{tmp / "printed"}"')
    return env


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kiosk", default=f"{Path(sys.executable).with_name('kiosk')} run --windowed")
    args = parser.parse_args()
    kiosk = shlex.split(args.kiosk)
    with tempfile.TemporaryDirectory() as tmp:
        env = kiosk_env(Path(tmp))
        time_to_ready(kiosk, env)  # first run: migrations, key file, .pyc: not a cold *re*start
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(time_to_ready([sys.executable, "-c", BARE], env))
            ours.append(time_to_ready(kiosk, env))
    med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
    print(f"| program | start → READY (median of {args.runs}) | spread | peak RSS at READY |")
    print("|---|---|---|---|")
    for name, runs in (("bare PySide6 window, 5 widgets", bare), (" ".join(kiosk[-2:]), ours)):
        print(f"| {name} | {med(runs, 0):.2f} s | {min(r[0] for r in runs):.2f}–{max(r[0] for r in runs):.2f} s "
              f"| {med(runs, 1):.0f} MB |")
    print(f"\nratio kiosk / bare window: {med(ours, 0) / med(bare, 0):.2f}x (target <= 3x); "
          f"kiosk peak RSS {med(ours, 1):.0f} MB (target <= 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
