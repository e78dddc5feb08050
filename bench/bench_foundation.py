"""Foundation benchmarks: cold start, tap → ticket bytes at the printer, memory over journeys.

    .venv/bin/python bench/bench_foundation.py [--runs 7] [--taps 30] [--journeys 1000]

Targets (issue 2): cold start to an interactive home screen ≤ 1.5 s; tap on the last
choice → ticket bytes at the printer ≤ 300 ms; memory growth over 1,000 simulated ticket
journeys ≤ 10 MB. Prints medians (and the spread) as a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = """
import time, sys, tempfile, pathlib
t0 = float(sys.argv[1])
from kiosk.launch import demo_config
from kiosk.app import build
from PySide6.QtCore import QCoreApplication
app = build(demo_config(pathlib.Path(tempfile.mkdtemp())), defer=True)  # as `kiosk run` does
app.window.resize(1920, 1080)
app.window.show()
QCoreApplication.processEvents()
assert app.window.current().name == "home" and app.window.isVisible()
print(time.time() - t0)
"""


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cold_start(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD, repr(time.time())], capture_output=True,
                             text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def _wait(pred, timeout=5.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    end = time.perf_counter() + timeout
    while not pred():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        if time.perf_counter() > end:
            raise TimeoutError("no ticket")


def _free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def in_process(taps: int, journeys: int) -> tuple[list[float], float, float]:
    """Tap latency against an in-process emulator (to see the bytes arrive), then memory
    against an emulator in its own process (so its kept jobs do not count as ours)."""
    from devices.printer.emulator import PrinterEmulator
    from kiosk.app import build
    from kiosk.launch import demo_config

    tmp = Path(tempfile.mkdtemp())
    cfg = demo_config(tmp / "data")
    app = build(cfg)
    app.window.resize(1920, 1080)
    app.window.show()
    priority = app.window.screen("queue_priority").none_button

    def journey(emu=None) -> float | None:
        app.ctx.go("take_number")
        app.queue.choose_service("CUTRU")
        before = len(emu.jobs) if emu else 0
        t0 = time.perf_counter()
        priority.click()  # the citizen's last tap
        elapsed = None
        if emu is not None:
            _wait(lambda: len(emu.jobs) > before)
            elapsed = (time.perf_counter() - t0) * 1000
        _wait(lambda: app.queue.journey.step.value == "done")
        app.ctx.wipe_session()
        app.ctx.home()
        return elapsed

    with PrinterEmulator(tmp / "printed") as emu:
        cfg.printer.uri = emu.uri
        tap_ms = [journey(emu) for _ in range(taps)]

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "devices.printer.emulator", "--port", str(port),
                             "--out", str(tmp / "printed2")], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        cfg.printer.uri = f"tcp://127.0.0.1:{port}"
        _wait_port(port)
        for _ in range(100):  # warm-up: caches, pools, fonts
            journey()
        start = rss_mb()
        for _ in range(journeys):
            journey()
        end = rss_mb()
    finally:
        proc.terminate()
        proc.wait()
        app.ctx.store.close()
    return tap_ms, start, end


def _wait_port(port: int) -> None:
    import socket
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("emulator did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--taps", type=int, default=30)
    parser.add_argument("--journeys", type=int, default=1000)
    args = parser.parse_args()
    cold = cold_start(args.runs)
    taps, start, end = in_process(args.taps, args.journeys)
    print("| measure | median | min–max | target |")
    print("|---|---|---|---|")
    print(f"| cold start to interactive home ({args.runs} runs) | {statistics.median(cold):.2f} s | "
          f"{min(cold):.2f}–{max(cold):.2f} s | ≤ 1.5 s |")
    print(f"| last tap → ticket bytes at the printer ({args.taps} taps) | {statistics.median(taps):.0f} ms | "
          f"{min(taps):.0f}–{max(taps):.0f} ms | ≤ 300 ms |")
    print(f"| RSS growth over {args.journeys} ticket journeys (after 100 warm-up) | {end - start:+.1f} MB | "
          f"{start:.0f} → {end:.0f} MB | ≤ 10 MB |")


if __name__ == "__main__":
    main()
