"""Background work with the result handed back to the main thread (Picard's run_task).

Device I/O, printing, OCR and network never run on the UI thread: ``run_task`` runs ``fn``
on a ``QThreadPool`` and calls ``on_done(result)`` or ``on_error(exc)`` on the main
thread. ``fn`` may accept a ``progress`` keyword; calls to it arrive at ``on_progress`` on the
main thread too. An exception with no ``on_error`` is logged, never swallowed silently.

One bounded pool per kind of work (``pool=``), as Picard keeps a priority pool beside the
default: a 30-s card wait or a long OCR holds a thread of its own kind only, so a printer
check or a diagnostic always finds one free. ``cancel=`` (a ``Cancel``) drops the answer of a
task whose screen was left, and ``fn`` may take it as a ``cancel`` keyword to stop waiting.
"""
from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

import threading
import time

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

#: threads per pool: device I/O (printer, cameras, card reader), OCR (one core's worth: each
#: tesseract is single-threaded with OMP_THREAD_LIMIT=1), the network, diagnostics, and the
#: store's opening right after the first frame (kiosk/launch.py)
POOL_SIZES = {"device": 3, "ocr": 1, "sync": 2, "diag": 4, "store": 1}
_pools: dict[str, QThreadPool] = {}


def thread_pool(name: str) -> QThreadPool:
    """The pool for one kind of work ("default" is Qt's global pool)."""
    if name == "default":
        return QThreadPool.globalInstance()
    if name not in _pools:
        size = POOL_SIZES[name]  # a typo is a KeyError at the call, not a silent default
        _pools[name] = QThreadPool()
        _pools[name].setMaxThreadCount(size)
        _pools[name].setObjectName(f"pool-{name}")
    return _pools[name]


def wait_all(timeout_ms: int = 10_000) -> None:
    """Let every pool finish (at exit, and before a screenshot run closes its store)."""
    for p in [QThreadPool.globalInstance(), *_pools.values()]:
        p.waitForDone(timeout_ms)


class Cancel(threading.Event):
    """Set when the screen that asked for the work is left: the answer is dropped, and a
    task that takes ``cancel`` stops waiting (it checks ``is_set()`` or ``wait(s)``)."""

    def cancel(self) -> None:
        self.set()

_live: set["_Relay"] = set()  # keeps relays alive until their result is delivered


class _Relay(QObject):
    """Lives in the main thread; queued signals wake it when the worker is done.

    The result travels as a Python attribute, not as a signal argument: marshalling
    arbitrary Python objects through queued signals has hit reference-counting bugs in
    PySide6 ("deallocating None") under load, and an attribute cannot.
    """

    finished = Signal()
    progress = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.result: Any = None
        self.error: BaseException | None = None
        self.started = time.monotonic()
        self.pool = "default"
        self.name = ""  # the task's function, for ``unfinished`` (never its arguments)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.relay, self.kwargs = fn, relay, kwargs
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if "progress" in self.kwargs:
                self.kwargs["progress"] = self.relay.progress.emit
            self.relay.result = self.fn(**self.kwargs)
        except BaseException as exc:  # handed to the main thread, never lost
            self.relay.error = exc
        try:
            self.relay.finished.emit()
        except RuntimeError:  # the application is shutting down: nobody is left to tell
            log.debug("background task finished after its receiver was deleted")


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def run_task(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[Any], None] | None = None, *, pool: str = "default",
             cancel: Cancel | None = None) -> None:
    relay = _Relay()
    relay.pool = "" if cancel is not None else pool  # a cancellable wait waits on the citizen
    relay.name = f"{pool}:{getattr(fn, '__qualname__', type(fn).__name__)}"
    _live.add(relay)
    kwargs: dict[str, Any] = {}
    if _accepts(fn, "progress"):
        kwargs["progress"] = None  # filled with the relay's signal in the worker
    if cancel is not None and _accepts(fn, "cancel"):
        kwargs["cancel"] = cancel

    def finished() -> None:
        _live.discard(relay)
        relay.deleteLater()
        error, result = relay.error, relay.result
        relay.error = relay.result = None
        if cancel is not None and cancel.is_set():
            log.debug("answer of a cancelled task dropped")
        elif error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed: %s", type(error).__name__, exc_info=error)
        elif on_done is not None:
            on_done(result)

    relay.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    if on_progress is not None:
        relay.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    thread_pool(pool).start(_Runnable(fn, relay, kwargs))


def unfinished() -> list[tuple[str, float]]:
    """(pool:function, seconds running) of every task whose answer is not yet delivered:
    what a test left behind (tests/conftest.py drains them between tests)."""
    now = time.monotonic()
    return sorted(((r.name, now - r.started) for r in _live), key=lambda item: -item[1])


def longest_wait_s(pools: tuple[str, ...] = ("default", "device", "sync")) -> float:
    """How long the oldest unfinished task of ``pools`` has run: the citizen's wait (a ticket
    printing, a card read, a lookup), for the busy indicator (``kiosk.access.busy``).
    Diagnostics and OCR behind the citizen's back do not count, nor cancellable waits (for a
    card on the reader, a QR under the camera: the citizen is the one to act, "please wait"
    would mislead); a camera's frame grabs are each far shorter than 300 ms."""
    now = time.monotonic()
    return max((now - r.started for r in _live if r.pool in pools), default=0.0)
