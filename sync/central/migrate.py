"""The central's schema under Alembic (``kiosk central migrate``; ``serve`` runs it first).

A database made by the server before migrations existed (``create_all``, no
``alembic_version``) is recognised by its tables, stamped at the baseline ``c001`` and
upgraded like any other, its rows kept.  On PostgreSQL a transaction-scoped advisory lock
lets one process migrate while the others wait, so several centrals can start at once.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "c001"
#: any constant: the key of the advisory lock the migrating process holds
_LOCK_KEY = 7_100_010


def _config(connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the head revision; returns (revision before, revision now)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        before = MigrationContext.configure(conn).get_current_revision()
        target = head()
        if before == target:
            return before, target
        cfg = _config(conn)
        if before is None and inspect(conn).has_table("kiosk"):
            command.stamp(cfg, BASELINE)  # made by create_all before migrations existed
            before = BASELINE
        command.upgrade(cfg, "head")
    return before, target
