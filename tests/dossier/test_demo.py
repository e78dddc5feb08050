"""`kiosk demo` on a virtual screen: it starts the central on loopback, registers the kiosk
with it, and on SIGTERM (what systemd sends) shuts the kiosk and the central down cleanly."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.fixture
def display():
    """A private Xvfb screen, like a kiosk's, stopped at the end."""
    for _ in range(20):
        number = random.randint(90, 400)
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


def test_demo_starts_registers_with_the_central_and_stops_cleanly(tmp_path, display):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "demo", "--data-dir", str(tmp_path / "demo")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    credentials = tmp_path / "demo" / "keys" / "sync-credentials.json"
    try:
        deadline = time.monotonic() + 60
        while not credentials.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert credentials.exists(), "the demo kiosk never registered with its central"
        assert (tmp_path / "demo" / "central" / "central.url").exists()
    finally:
        proc.send_signal(signal.SIGTERM)  # the kiosk alone, not its process group
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out[-3000:]
    assert "Printed tickets and receipts are saved as PNG images in" in out
    assert "Traceback" not in out, out[-3000:]
    leftover = subprocess.run(["pgrep", "-a", "-f", str(tmp_path / "demo" / "central")], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "the demo left its central running"
