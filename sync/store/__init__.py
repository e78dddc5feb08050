"""The kiosk's local store: encrypted, migrated at start, safe against power cuts.

``open_store`` is the one way in. It refuses to start with a clear reason (unwritable
folder, bad key file, locked or corrupt database) instead of running without a store,
because a kiosk that cannot record a ticket must not hand one out.
"""
from __future__ import annotations

import sqlite3
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
from sync.store.errors import DecryptionError, KeyFileError, StoreError
from sync.store.files import EncryptedFileStore, FileRef
from sync.store.migrate import upgrade

__all__ = ["Store", "open_store", "StoreError", "KeyFileError", "DecryptionError", "FileRef"]


class Store:
    """A database engine, a key ring and a file store that belong together."""

    def __init__(self, engine: Engine, ring: KeyRing, files: EncryptedFileStore) -> None:
        self.engine = engine
        self.keyring = ring
        self.files = files
        self._sessions = sessionmaker(engine, expire_on_commit=False)

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
        with self.session() as session:
            for mapper in Base.registry.mappers:
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
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe = path.parent / ".write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StoreError(f"data folder {path.parent} is not writable: {exc.strerror}") from exc
    ring = KeyRing.load_or_create(Path(key_path))
    engine = make_engine(path, busy_timeout_ms)
    bind_keyring(engine, ring)
    try:
        upgrade(engine)
        inspect(engine).get_table_names()
    except (OperationalError, sqlite3.DatabaseError, SQLAlchemyError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    files = EncryptedFileStore(path.parent / "files", ring)
    return Store(engine, ring, files)
