"""An ESC/POS receipt printer on 127.0.0.1, for the demo and the tests.

It accepts TCP connections like a network printer on port 9100, parses what it receives
(:mod:`devices.printer.escpos_stream`), answers ``DLE EOT n`` according to its mode, and
renders each job (split at the cut) to a PNG (:mod:`devices.printer.emulator_render`).
Commands are handled in the order received, status queries included (a real printer answers
them on arrival; here a slow job delays the answer, as a full receive buffer would).

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
import tty
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import escpos_stream as ev
from .emulator_render import PaperRenderer
from .status import PaperState, encode_status

MODES = ("normal", "paper_out", "near_end", "offline", "cover_open", "slow", "silent")
_FAULT_MODES = ("paper_out", "offline", "cover_open")


@dataclass
class Job:
    """One job as the emulated paper saw it (split at the cut)."""

    index: int
    raw: bytes
    png_path: Path | None  # None when nothing was printed (fault mode, empty job)
    printed: bool  # False if the printer was in a fault mode while it came in
    cut: bool
    texts: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    raster_widths: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def status_replies(mode: str) -> dict[int, int]:
    """DLE EOT reply bytes for a mode (``silent`` has none)."""
    return encode_status(
        online=mode not in _FAULT_MODES,
        cover_open=mode == "cover_open",
        paper={"paper_out": PaperState.OUT, "near_end": PaperState.NEAR_END}.get(mode, PaperState.OK),
        error=mode == "offline",
    )


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
        self._stop = threading.Event()
        self._lock = threading.Condition()
        self._jobs: list[Job] = []
        self._numbers = itertools.count(1)
        self._mode = "normal"
        self._slow_delay_s = 0.05
        self._next_mode: tuple[str, int] | None = None
        self._bytes_seen = 0
        self.status_queries = 0
        self._fds: list[int] = []

    # -- control ---------------------------------------------------------------------------
    def start(self) -> "PrinterEmulator":
        self.out_dir.mkdir(parents=True, exist_ok=True)
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
        """Switch mode now, or once ``after_bytes`` more bytes came in (paper runs out
        mid-job). ``delay_s`` is the slow mode's pause per KiB received."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        with self._lock:
            if delay_s is not None:
                self._slow_delay_s = delay_s
            if after_bytes is None:
                self._mode, self._next_mode = mode, None
            else:
                self._next_mode = (mode, self._bytes_seen + after_bytes)

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
        session = _Session(self, lambda _reply: None)
        session.receive(data)
        session.end()
        return self.jobs[before:]

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
        session = _Session(self, conn.sendall)
        with conn:
            while not self._stop.is_set():
                slow = self._mode == "slow"
                try:
                    chunk = conn.recv(1024 if slow else 65536)
                except (TimeoutError, socket.timeout):
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                if slow:
                    time.sleep(self._slow_delay_s * len(chunk) / 1024)
                session.receive(chunk)
            session.end()

    def _serve_fd(self, fd: int) -> None:
        session = _Session(self, lambda data: os.write(fd, data))
        while not self._stop.is_set():
            if not select.select([fd], [], [], 0.1)[0]:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            session.receive(chunk)

    def _count_bytes(self, n: int) -> None:
        with self._lock:
            self._bytes_seen += n
            if self._next_mode and self._bytes_seen >= self._next_mode[1]:
                self._mode, self._next_mode = self._next_mode[0], None

    def _record(self, session: "_Session", cut: bool) -> None:
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


class _Session:
    """The state of one connection (TCP, pseudo-terminal or a captured file): parser, the paper of the current job, its raw bytes."""

    def __init__(self, emulator: PrinterEmulator, reply: Callable[[bytes], object]) -> None:
        self.emulator = emulator
        self.reply = reply
        self.parser = ev.StreamParser()
        self._new_job()

    def _new_job(self) -> None:
        self.paper = PaperRenderer(self.emulator.paper_dots)
        self.raw = bytearray()
        self.printed = True

    def receive(self, chunk: bytes) -> None:
        spans = self.parser.feed_spans(chunk)
        self.emulator._count_bytes(len(chunk))
        for event, raw in spans:
            self.handle(event, raw)

    def handle(self, event: ev.Event, raw: bytes) -> None:
        mode = self.emulator.mode
        if isinstance(event, ev.StatusQuery):
            self.emulator.status_queries += 1
            reply = status_replies(mode).get(event.n)
            if mode != "silent" and reply is not None:
                try:
                    self.reply(bytes([reply]))
                except OSError:
                    pass
            return
        self.raw += raw
        if mode in _FAULT_MODES and not isinstance(event, ev.Init):
            self.printed = False
        if isinstance(event, ev.Cut):
            self.emulator._record(self, cut=True)
            self._new_job()
            return
        if self.printed:
            self.paper.apply(event)

    def end(self) -> None:
        for event, raw in self.parser.finish():
            self.handle(event, raw)
        if self.paper.has_content or self.raw.replace(b"\x1b@", b""):
            self.emulator._record(self, cut=False)


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
