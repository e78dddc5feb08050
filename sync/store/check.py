"""Proof that the key opens the data: every sealed value of every table, every stored file.

Why: a key file restored from the wrong backup, or replaced by a fresh one, is only noticed
when a queued dossier fails to decrypt at sync time, hours later. ``kiosk store check``
proves all of it decrypts now; ``open_store`` does a cheap sample (one value per table,
one file) at every start so the kiosk refuses to serve with a key that does not fit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import column, inspect, select, table as bare_table

from sync.store.base import Base
from sync.store.crypto import EncryptedBytes, KeyRing
from sync.store.errors import DecryptionError
from sync.store.files import EncryptedFileStore


@dataclass
class CheckReport:
    records: int = 0               # sealed values checked
    files: int = 0                 # stored files checked
    failures: list[str] = field(default_factory=list)


def _sealed_columns(engine):
    """(table, primary key column, sealed column) for every table present in the database."""
    present = set(inspect(engine).get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        pk = list(table.primary_key.columns)[0]
        for col in table.columns:
            if isinstance(col.type, EncryptedBytes):
                yield table, pk, col


def check_values(engine, ring: KeyRing, files: EncryptedFileStore, limit: int | None = None) -> CheckReport:
    """Open sealed values and files with ``ring``; ``limit`` per table and for files (a sample)."""
    report = CheckReport()
    with engine.connect() as conn:
        for table, pk, col in _sealed_columns(engine):
            # untyped columns: the raw sealed bytes, not the column type's automatic opening
            raw = column(col.name)
            query = (select(column(pk.name), raw).select_from(bare_table(table.name))
                     .where(raw.is_not(None)).limit(limit))
            for row_id, blob in conn.execute(query):
                report.records += 1
                try:
                    ring.open(bytes(blob), col.type.purpose)
                except DecryptionError as exc:
                    report.failures.append(f"{table.name}.{col.name} row {row_id}: {exc}")
    for path in files.paths()[:limit]:
        report.files += 1
        try:
            files.check(path)
        except (DecryptionError, OSError) as exc:
            report.failures.append(f"file {path.stem}: {exc}")
    return report


def check_store(store) -> CheckReport:
    """Every sealed value and every file of ``store`` (``kiosk store check``)."""
    return check_values(store.engine, store.keyring, store.files)
