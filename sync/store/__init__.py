"""The kiosk's local store: encrypted, migrated at start, safe against power cuts.

``open_store`` is the one way in. It refuses to start with a clear reason (unwritable
folder, bad key file, locked or corrupt database) instead of running without a store,
because a kiosk that cannot record a ticket must not hand one out.

A key is created only for a store without data: when the database or stored files exist and
the key file is missing, or the key does not open them, ``KeyMissingError`` stops the kiosk
("Máy tạm ngừng phục vụ" with the reason) instead of sealing new dossiers with a new key
while the queued ones become unreadable. The data folder is 0700 and the store's files 0600
whatever the umask.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sync.store.errors import DecryptionError, KeyFileError, KeyMissingError, StoreError

if TYPE_CHECKING:
    from sync.store.core import Store, open_store
    from sync.store.files import FileRef

__all__ = ["Store", "open_store", "StoreError", "KeyFileError", "KeyMissingError", "DecryptionError",
           "FileRef"]

_LAZY = {"Store": "sync.store.core", "open_store": "sync.store.core", "FileRef": "sync.store.files"}


def __getattr__(name: str):
    """``Store``, ``open_store`` and ``FileRef`` load SQLAlchemy (~0.3 s) when first asked
    for, not when the package is imported: the kiosk's home screen shows before the store
    opens (issue 9), and the errors above are all the start path needs."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
