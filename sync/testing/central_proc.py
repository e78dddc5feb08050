"""The central as the production command runs it (``python -m sync.central serve``), for
tests and benchmarks: its own process group, a ready file to wait on, its worker pids."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path


class CentralProcess:
    def __init__(self, data_dir: Path, db_url: str = "", *args: str,
                 env: dict[str, str] | None = None, open_files: int | None = None) -> None:
        """``open_files``: start with this soft open-files limit (as ``ulimit -Sn`` would),
        the hard limit unchanged."""
        self.data_dir = Path(data_dir)
        self.db_url = db_url
        self.args = args
        self.env = {**os.environ, **(env or {})}
        self.open_files = open_files
        self.url = ""
        self.proc: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.data_dir / "central.log"

    def start(self, timeout_s: float = 60.0) -> "CentralProcess":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        ready = self.data_dir / "central.url"
        ready.unlink(missing_ok=True)
        cmd = [sys.executable, "-m", "sync.central", "serve", "--port", "0",
               "--data-dir", str(self.data_dir), "--ready-file", str(ready), *self.args]
        if self.db_url:
            cmd += ["--db", self.db_url]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=log,
                                         start_new_session=True, preexec_fn=self._limits)
        deadline = time.monotonic() + timeout_s
        while not ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the central did not start:\n" + self.log_path.read_text())
            time.sleep(0.05)
        self.url = ready.read_text().strip()
        return self

    def _limits(self) -> None:
        if self.open_files is not None:
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (self.open_files, hard))

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def workers(self) -> set[int]:
        """Pids of the serving processes (children of the supervisor)."""
        assert self.proc is not None
        pids: set[int] = set()
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            text = (task / "children").read_text().split()
            pids.update(int(p) for p in text)
        return pids

    def terminate(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)

    def stop(self, timeout_s: float = 30.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        return self.proc.returncode
