"""Background work with the result handed back to the main thread (Picard's run_task).

Device I/O, printing, OCR and network never run on the UI thread: ``run_task`` runs ``fn``
on the global ``QThreadPool`` and calls ``on_done(result)`` or ``on_error(exc)`` on the main
thread. ``fn`` may accept a ``progress`` keyword; calls to it arrive at ``on_progress`` on the
main thread too. An exception with no ``on_error`` is logged, never swallowed silently.
"""
from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_live: set["_Relay"] = set()  # keeps relays alive until their result is delivered


class _Relay(QObject):
    """Lives in the main thread; queued signals carry results across threads."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, wants_progress: bool) -> None:
        super().__init__()
        self.fn, self.relay, self.wants_progress = fn, relay, wants_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.wants_progress:
                result = self.fn(progress=self.relay.progress.emit)
            else:
                result = self.fn()
        except BaseException as exc:  # handed to the main thread, never lost
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


def _accepts_progress(fn: Callable[..., Any]) -> bool:
    try:
        return "progress" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def run_task(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[Any], None] | None = None) -> None:
    relay = _Relay()
    _live.add(relay)

    @Slot(object)
    def finished(result: Any) -> None:
        _live.discard(relay)
        if on_done is not None:
            on_done(result)

    @Slot(object)
    def failed(exc: BaseException) -> None:
        _live.discard(relay)
        if on_error is not None:
            on_error(exc)
        else:
            log.error("background task failed: %s", type(exc).__name__, exc_info=exc)

    relay.done.connect(finished)
    relay.failed.connect(failed)
    if on_progress is not None:
        relay.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Runnable(fn, relay, _accepts_progress(fn)))
