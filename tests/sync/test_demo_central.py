"""The demo central: its own process on loopback, registration with its token, stopped cleanly."""
from __future__ import annotations

from sync.central.demo import DemoCentral
from sync.client import CentralClient


def test_the_demo_central_serves_a_kiosk_and_stops(tmp_path):
    central = DemoCentral(tmp_path / "central")
    url = central.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        client = CentralClient(url, "kiosk-demo", None)
        client.register(central.enrollment_token, "000.00.00.H30")
        client.heartbeat(queue_depth=0)
        assert (tmp_path / "central" / "central.sqlite3").exists()
    finally:
        central.stop()
    assert central._proc is None
