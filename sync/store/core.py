"""The store itself: ``Store`` and ``open_store`` (SQLAlchemy loads with this module).

Read through the package, ``sync.store``, whose docstring says what it promises.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sync.store import models_all  # noqa: F401  (registers every area's tables)
from sync.store.base import Base
from sync.store.crypto import EncryptedBytes, KeyRing, bind_keyring
from sync.store.db import make_engine
from sync.store.errors import KeyMissingError, StoreError
from sync.store.files import EncryptedFileStore
from sync.store.migrate import upgrade


class Store:
    """A database engine, a key ring and a file store that belong together."""

    def __init__(self, engine: Engine, ring: KeyRing, files: EncryptedFileStore) -> None:
        self.engine = engine
        self.keyring = ring
        self.files = files
        self.tmp_dir = files.root.parent / "tmp"
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def adopt_temp_folder(self) -> None:
        """Make the store's private ``tmp`` folder (0700) this process's temporary folder,
        emptied first: what OCR or any library writes there (a page's text) stays inside
        the data folder, and what a ``kill -9`` left is removed at the next start.

        Only the kiosk itself calls this, once at start: a command run beside it (``kiosk
        sync``) must not empty the running kiosk's folder.
        """
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.tmp_dir.mkdir(mode=0o700)
        tempfile.tempdir = str(self.tmp_dir)
        os.environ["TMPDIR"] = str(self.tmp_dir)     # tesseract and other child processes

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise StoreError(f"database error: {exc.orig}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def rotate_key(self) -> int:
        """Seal everything with a fresh key, then forget the old ones.

        Rows are re-sealed in one transaction; files one by one (each atomically), so an
        interrupted rotation is simply run again: old keys are retired only at the end.
        Returns the new key id.
        """
        new_id = self.keyring.add_key()
        present = set(inspect(self.engine).get_table_names())
        with self.session() as session:
            for mapper in Base.registry.mappers:
                if mapper.local_table.name not in present:
                    continue
                cols = [c for c in mapper.columns if isinstance(c.type, EncryptedBytes)]
                if not cols:
                    continue
                for obj in session.scalars(select(mapper.class_)):
                    for col in cols:
                        key = mapper.get_property_by_column(col).key
                        value = getattr(obj, key)
                        if value is not None:
                            # Re-assign a copy so the ORM sees a change and re-seals it.
                            setattr(obj, key, None)
                            session.flush()
                            setattr(obj, key, value)
        self.files.reseal_all()
        self.keyring.retire_all_but_active()
        return new_id

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path, key_path: Path, busy_timeout_ms: int = 5000) -> Store:
    """Open (creating if needed) the store at ``path`` with the key file ``key_path``.

    The key file must live outside the data folder that is backed up or synced, readable
    only by the kiosk user (mode 0600). ``busy_timeout_ms`` is how long a write waits for
    another writer (the sync worker) before giving up with a ``StoreError``.
    """
    path, key_path = Path(path), Path(key_path)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        probe = path.parent / ".write-probe"
        probe.write_bytes(b"")
        probe.unlink()
        had_data = _has_data(path)
        # SQLite gives its -wal and -shm files the database file's mode
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        for name in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
            if name.exists():
                os.chmod(name, 0o600)
    except OSError as exc:
        raise StoreError(f"data folder {path.parent} is not writable: {exc.strerror}") from exc
    if had_data and not key_path.exists():
        raise KeyMissingError(f"key file {key_path} is missing but {path.parent} holds encrypted "
                              "data: restore the key file; a new key would not open it")
    ring = KeyRing.load_or_create(key_path)
    engine = make_engine(path, busy_timeout_ms)
    bind_keyring(engine, ring)
    try:
        upgrade(engine)
        inspect(engine).get_table_names()
    except (OperationalError, sqlite3.DatabaseError, SQLAlchemyError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    files = EncryptedFileStore(path.parent / "files", ring)
    _check_key_fits(engine, ring, files, key_path)
    return Store(engine, ring, files)


def _has_data(path: Path) -> bool:
    """A database with content or any stored file: data a new key could not open."""
    return (path.exists() and path.stat().st_size > 0) or any((path.parent / "files").glob("*/*.bin"))


def _check_key_fits(engine: Engine, ring: KeyRing, files: EncryptedFileStore, key_path: Path) -> None:
    """A sample of sealed values (one per table) and one file must open with the ring."""
    from sync.store.check import check_values
    report = check_values(engine, ring, files, limit=1)
    if report.failures:
        engine.dispose()
        raise KeyMissingError(f"key file {key_path} does not open the stored data "
                              f"({report.failures[0]}): restore the right key file")
