"""The demo's card: pcscd + vpcd with the synthetic citizen's chip, and tray frames of
the same card, so QR, MRZ and chip agree as on a real card.

Chosen by ``[idcard] reader_backend = "simulator"``. vpcd is reachable only inside the
private network namespace of the pcscd the demo starts and stops (devices/sim/pcsc_stack.py);
a demo, never a production kiosk.
"""
from __future__ import annotations

import atexit
import tempfile
import threading
from pathlib import Path

from .card import EmulatedIdCard
from .citizen import SyntheticCitizen
from .pcsc_stack import PcscStack, start_stack
from .samples import tray_frames
from .vpcd import VpcdCard

DEMO_SLOT = 1  # slot 0 stays free for tests and technicians


class DemoCardStack:
    def __init__(self, citizen: SyntheticCitizen | None = None, workdir: Path | None = None):
        self.citizen = citizen or SyntheticCitizen()
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="kiosk-demo-card-"))
        self.stack: PcscStack | None = None
        self.card: VpcdCard | None = None
        self.reader = ""
        self._lock = threading.Lock()

    def start(self) -> str:
        """Idempotent: the reader name with the demo card on it."""
        with self._lock:
            if self.card is None:
                self.stack = start_stack(self.workdir / "pcscd")
                self.reader, port = self.stack.slot(DEMO_SLOT)
                self.card = VpcdCard(EmulatedIdCard(self.citizen), port).insert()
                atexit.register(self.stop)
            return self.reader

    def frames(self) -> Path:
        """An empty tray, then the citizen's card with its QR, as camera frames."""
        return tray_frames(self.workdir / "frames", self.citizen)

    def stop(self) -> None:
        with self._lock:
            card, self.card = self.card, None
            if card is not None:
                card.remove()
            if self.stack is not None:
                self.stack.stop()
                self.stack = None
