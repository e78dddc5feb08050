"""Start the reference central for the demo: its own process, SQLite, loopback, a random port.

The kiosk demo calls ``DemoCentral(data_dir).start()``, asks it for a one-time enrollment
token (``issue_token``, what an administrator does with ``kiosk central enroll-token``) and
provisions itself with it (``kiosk.provisioning``); a separate process keeps the kiosk's UI
free of the server's work.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path


def _central_command() -> list[str]:
    """How to start the central from this install: ``python -m sync.central`` from a venv,
    ``kiosk central`` from the PyInstaller bundle (its executable is not a Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "central"]
    return [sys.executable, "-m", "sync.central"]


class DemoCentral:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.url = ""
        self._proc: subprocess.Popen | None = None

    def start(self, timeout_s: float = 30.0) -> str:
        """Start the central and wait until it listens; returns its URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        ready = self.data_dir / "central.url"
        ready.unlink(missing_ok=True)
        env = dict(os.environ)
        log = open(self.data_dir / "central.log", "ab")
        self._proc = subprocess.Popen(
            [*_central_command(), "serve", "--host", "127.0.0.1", "--port", "0",
             "--data-dir", str(self.data_dir), "--ready-file", str(ready)],
            env=env, stdout=log, stderr=log, cwd=self.data_dir, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout_s
        while not ready.exists():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the demo central did not start; see {self.data_dir / 'central.log'}")
            time.sleep(0.05)
        self.url = ready.read_text().strip()
        return self.url

    def issue_token(self, kiosk_id: str, agency_id: str, centre_id: str = "",
                    rekey: bool = False) -> str:
        """A one-time enrollment token for ``kiosk_id``, valid 10 minutes (once started)."""
        from sync.central.admin import issue_token

        url = f"sqlite:///{(self.data_dir / 'central.sqlite3').resolve()}"
        return issue_token(url, kiosk_id, agency_id, centre_id, timedelta(minutes=10), rekey)

    def stop(self) -> None:
        """Stop the central and every process it started (its server's workers live in
        the same session, started on purpose: no worker may outlive the demo)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        _end_session(proc.pid)


def _end_session(leader: int, grace_s: float = 5.0) -> None:
    """SIGTERM what is left of the process group ``leader`` led, then SIGKILL after ``grace_s``."""
    deadline = time.monotonic() + grace_s
    sig = signal.SIGTERM
    while True:
        try:
            os.killpg(leader, sig)
        except (ProcessLookupError, PermissionError):
            return  # the group is empty
        if time.monotonic() > deadline:
            sig = signal.SIGKILL
        time.sleep(0.05)
