"""`kiosk demo` on a (virtual) screen: it starts the central on loopback, registers the
kiosk with it, and shuts everything down on SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def test_demo_starts_registers_with_the_central_and_stops_cleanly(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    proc = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "kiosk",
                             "demo", "--data-dir", str(tmp_path / "demo")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)
    credentials = tmp_path / "demo" / "keys" / "sync-credentials.json"
    try:
        deadline = time.monotonic() + 60
        while not credentials.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert credentials.exists(), "the demo kiosk never registered with its central"
        assert (tmp_path / "demo" / "central" / "central.url").exists()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert "Printed tickets and receipts are saved as PNG images in" in out
    assert "Traceback" not in out, out[-3000:]
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path / "demo" / "central")], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "the demo left its central running"
