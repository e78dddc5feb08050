"""The SQLite engine of the local store, set up for a kiosk that may lose power any time.

WAL lets the sync worker read while the UI writes; ``synchronous=FULL`` makes a committed
ticket survive a power cut; foreign keys are on because SQLite leaves them off by default;
``busy_timeout`` waits for a short lock instead of failing a citizen's ticket at once.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event


def make_engine(db_path: Path, busy_timeout_ms: int = 5000) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # noqa: ANN001 - DB-API objects
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    return engine
