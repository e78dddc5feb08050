"""The kiosk's store while it is being opened, right after the home screen first shows.

Opening the store costs ~0.35 s before a citizen could see anything (SQLAlchemy's import,
the key check, the migration check): a third of a cold start (issue 9: home within 3× a
bare window). So the kiosk builds its screens around this stand-in, shows home, and opens
the store in a worker thread. Every use waits for that open to finish (a tap in the first
half-second waits for the rest of it, never longer), and when the open failed each use
raises the same ``StoreError`` while the kiosk switches to "Máy tạm ngừng phục vụ".
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from sync.store.errors import StoreError

if TYPE_CHECKING:
    from sync.store.core import Store


class PendingStore:
    """Stands for the ``Store`` that ``opener`` returns; opened once, by whoever asks first."""

    def __init__(self, opener: Callable[[], Store]) -> None:
        self._opener = opener
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._error: StoreError | None = None

    def open(self) -> Store:
        """The store, opening it now unless done; raises the open's ``StoreError``."""
        with self._lock:
            if self._store is None:
                if self._error is not None:
                    raise self._error
                try:
                    self._store = self._opener()
                except StoreError as exc:
                    self._error = exc
                    raise
            return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def __getattr__(self, name: str):
        return getattr(self.open(), name)
