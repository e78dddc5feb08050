"""An ESC/POS receipt printer on 127.0.0.1, for the demo and the tests.

It accepts TCP connections like a network printer on port 9100 (and, on request, a serial
line on a pseudo-terminal), parses what it receives (:mod:`devices.printer.escpos_stream`),
answers ``DLE EOT n`` at once and ``GS r n`` in buffer order according to its mode
(:mod:`devices.printer.emulator_session`), and renders each job, split at the cut, to a PNG
(:mod:`devices.printer.emulator_render`).

Run it by hand: ``python -m devices.printer.emulator --port 9100 --out DIR``.
"""
from __future__ import annotations

import argparse
import atexit
import itertools
import os
import select
import socket
import threading
import time
import tty
from pathlib import Path

from .emulator_session import FAULT_MODES, MODES, Job, Session

__all__ = ["FAULT_MODES", "MODES", "Job", "PrinterEmulator", "shared_emulator"]


class PrinterEmulator:
    """``start()`` it, print to ``.uri``, read ``.jobs``, ``stop()`` it (or use ``with``)."""

    def __init__(self, out_dir: Path, host: str = "127.0.0.1", port: int = 0,
                 paper_dots: int = 512) -> None:
        self.out_dir = Path(out_dir)
        self.host = host
        self.paper_dots = paper_dots
        self._requested_port = port
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._fds: list[int] = []
        self._stop = threading.Event()
        self._lock = threading.Condition()
        self._jobs: list[Job] = []
        self._numbers = itertools.count(1)
        self._mode = "normal"
        self._slow_delay_s = 0.05
        self._next_mode: tuple[str, int] | None = None
        self._bytes_processed = 0
        self.status_queries = 0

    # -- control ---------------------------------------------------------------------------
    def start(self) -> "PrinterEmulator":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        # number on from earlier runs: a demo folder keeps yesterday's tickets intact
        done = [int(p.stem[4:]) for p in self.out_dir.glob("job-*.png") if p.stem[4:].isdigit()]
        self._numbers = itertools.count(max(done, default=0) + 1)
        server = socket.create_server((self.host, self._requested_port))
        server.settimeout(0.1)
        self._server = server
        self._spawn(self._accept_loop)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._server is not None:
            self._server.close()
        for fd in self._fds:
            os.close(fd)
        self._fds = []

    def __enter__(self) -> "PrinterEmulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def pause(self, seconds: float) -> None:
        """Printing time of the slow mode; cut short by stop()."""
        self._stop.wait(seconds)

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the emulator first"
        return self._server.getsockname()[1]

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str, *, delay_s: float | None = None,
                 after_bytes: int | None = None) -> None:
        """Switch mode now, or once ``after_bytes`` more bytes have been processed (paper
        runs out mid-job). ``delay_s`` is the slow mode's printing time per KiB."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        with self._lock:
            if delay_s is not None:
                self._slow_delay_s = delay_s
            if after_bytes is None:
                self._mode, self._next_mode = mode, None
            else:
                self._next_mode = (mode, self._bytes_processed + after_bytes)

    @property
    def jobs(self) -> list[Job]:
        with self._lock:
            return list(self._jobs)

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[Job]:
        """The jobs once there are ``count`` of them (raises TimeoutError otherwise)."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._jobs) >= count, timeout):
                raise TimeoutError(f"{len(self._jobs)} of {count} jobs after {timeout} s")
            return list(self._jobs)

    def serve_pty(self) -> str:
        """Also be a serial printer: returns a pseudo-terminal path for ``serial://PATH``."""
        master, slave = os.openpty()
        tty.setraw(slave)  # bytes pass unchanged, as on a real serial line
        self._fds += [master, slave]
        self._spawn(self._serve_fd, master)
        return os.ttyname(slave)

    def render_capture(self, data: bytes) -> list[Job]:
        """Print bytes captured elsewhere (e.g. by a ``file://`` printer); returns the new jobs."""
        before = len(self.jobs)
        session = Session(self, lambda _reply: None)
        session.receive(data)
        session.end()
        return self.jobs[before:]

    # -- called by sessions ----------------------------------------------------------------
    def count_status_query(self) -> None:
        with self._lock:
            self.status_queries += 1

    def processed(self, n: int) -> float:
        """A session printed ``n`` bytes: switch a pending mode; returns the slow delay."""
        with self._lock:
            self._bytes_processed += n
            if self._next_mode and self._bytes_processed >= self._next_mode[1]:
                self._mode, self._next_mode = self._next_mode[0], None
            return self._slow_delay_s * n / 1024 if self._mode == "slow" else 0.0

    def record(self, session: Session, cut: bool) -> None:
        paper = session.paper
        with self._lock:
            index = next(self._numbers)
        png = None
        if session.printed and paper.has_content:
            png = self.out_dir / f"job-{index:04d}.png"
            paper.image().save(png)
        job = Job(index, bytes(session.raw), png, session.printed, cut, paper.texts,
                  paper.qr_payloads, paper.raster_widths, paper.errors)
        with self._lock:
            self._jobs.append(job)
            self._lock.notify_all()

    # -- serving ---------------------------------------------------------------------------
    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,
                                  name=f"printer-emulator-{target.__name__}")
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            self._spawn(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        session = Session(self, conn.sendall)
        with conn:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except (TimeoutError, socket.timeout):
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                session.receive(chunk)
            session.end()

    def _serve_fd(self, fd: int) -> None:
        session = Session(self, lambda data: os.write(fd, data))
        while not self._stop.is_set():
            if not select.select([fd], [], [], 0.1)[0]:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            session.receive(chunk)
        session.end(timeout=1)


_shared: PrinterEmulator | None = None
_shared_lock = threading.Lock()


def shared_emulator(out_dir: str | Path | None = None) -> PrinterEmulator:
    """The process-wide emulator behind ``uri = "emulator"``, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            if out_dir is None:
                from platformdirs import user_data_path

                out_dir = user_data_path("motcua-kiosk") / "printer-emulator"
            _shared = PrinterEmulator(Path(out_dir)).start()
            atexit.register(_shared.stop)
        return _shared


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="ESC/POS printer emulator (TCP, 127.0.0.1)")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--out", type=Path, required=True, help="where job PNGs are written")
    parser.add_argument("--mode", choices=MODES, default="normal")
    parser.add_argument("--paper-dots", type=int, default=512,
                        help="printable dots: 512 (TM-T88V, 80 mm), 576, 384 (58 mm)")
    parser.add_argument("--pty", action="store_true", help="also serve a serial pseudo-terminal")
    args = parser.parse_args(argv)
    emulator = PrinterEmulator(args.out, port=args.port, paper_dots=args.paper_dots).start()
    emulator.set_mode(args.mode)
    print(f"ESC/POS emulator on {emulator.uri}, mode {args.mode}; PNGs in {args.out}", flush=True)
    if args.pty:
        print(f"serial printer: serial://{emulator.serve_pty()}", flush=True)
    seen = 0
    try:
        while True:
            jobs = emulator.jobs
            for job in jobs[seen:]:
                print(f"job {job.index}: {len(job.raw)} bytes, printed={job.printed}, "
                      f"png={job.png_path}, qr={job.qr_payloads}", flush=True)
            seen = len(jobs)
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()


if __name__ == "__main__":
    main()
