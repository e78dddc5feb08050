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

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

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


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, wants_progress: bool) -> None:
        super().__init__()
        self.fn, self.relay, self.wants_progress = fn, relay, wants_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.wants_progress:
                self.relay.result = self.fn(progress=self.relay.progress.emit)
            else:
                self.relay.result = self.fn()
        except BaseException as exc:  # handed to the main thread, never lost
            self.relay.error = exc
        try:
            self.relay.finished.emit()
        except RuntimeError:  # the application is shutting down: nobody is left to tell
            log.debug("background task finished after its receiver was deleted")


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

    def finished() -> None:
        _live.discard(relay)
        relay.deleteLater()
        error, result = relay.error, relay.result
        relay.error = relay.result = None
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed: %s", type(error).__name__, exc_info=error)
        elif on_done is not None:
            on_done(result)

    relay.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    if on_progress is not None:
        relay.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Runnable(fn, relay, _accepts_progress(fn)))
