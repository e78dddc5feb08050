"""The demo central: its own process on loopback, registration with a token it issues, stopped cleanly."""
from __future__ import annotations

from sync.central.demo import DemoCentral
from sync.client import CentralClient


def test_the_demo_central_serves_a_kiosk_and_stops(tmp_path):
    central = DemoCentral(tmp_path / "central")
    url = central.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        client = CentralClient(url, "kiosk-demo", None, allow_http=True)
        client.register(central.issue_token("kiosk-demo", "000.00.00.H30"), "000.00.00.H30")
        client.heartbeat(queue_depth=0)
        assert (tmp_path / "central" / "central.sqlite3").exists()
    finally:
        central.stop()
    assert central._proc is None


def test_kiosk_central_serve_runs_the_central(tmp_path):
    import os
    import subprocess
    import sys
    import time

    import requests

    from tests.sync.conftest import ENV, ROOT

    ready = tmp_path / "url"
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main(sys.argv[1:]))",
         "central", "serve", "--port", "0", "--data-dir", str(tmp_path / "c"),
         "--ready-file", str(ready)],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        assert requests.get(ready.read_text() + "/v1/health", timeout=5).json() == {"ok": True}
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
    assert os.path.exists(tmp_path / "c" / "central.sqlite3")
