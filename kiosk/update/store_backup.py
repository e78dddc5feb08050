"""The store as it was before a switch, so a rollback does not strand the older version.

A new version migrates the store when it opens it, before its home screen. The version
before does not know those migrations and would refuse the store (out of service). So the
updater copies the store before switching (SQLite's online backup: consistent even in WAL
mode), and after an automatic rollback puts that copy back, on the next start, before
anything opens the store. The migrated store is kept beside it, never deleted: if the new
version served anyone before failing, what they filed is still there for the technician.
"""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

STORE = "kiosk.db"


def back_up(data_dir: Path, version: str) -> Path | None:
    """Copy the store to ``kiosk.db.before-<version>`` (owner and 0600 kept); None if no store."""
    store = data_dir / STORE
    if not store.exists():
        return None
    target = data_dir / f"{STORE}.before-{version}"
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(tmp)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
    _same_owner(store, tmp)
    os.replace(tmp, target)
    return target


def restore(data_dir: Path, backup: Path, failed_version: str) -> Path | None:
    """Put ``backup`` back as the store; the migrated store (and its WAL) is moved to
    ``kiosk.db.from-<failed_version>``. Only while nothing has the store open."""
    store = data_dir / STORE
    if not backup.exists():
        log.error("store backup %s is gone: the previous version may refuse the store", backup)
        return None
    kept = None
    if store.exists():
        kept = data_dir / f"{STORE}.from-{failed_version}"
        for suffix in ("-wal", "-shm", ""):  # the WAL first: it must never meet the older file
            part = data_dir / (STORE + suffix)
            if part.exists():
                os.replace(part, kept.with_name(kept.name + suffix))
    os.replace(backup, store)
    log.warning("store restored from before %s; the migrated one kept as %s", failed_version, kept)
    return kept


def _same_owner(model: Path, path: Path) -> None:
    info = model.stat()
    os.chmod(path, 0o600)
    if os.geteuid() == 0:
        os.chown(path, info.st_uid, info.st_gid)
