"""Alembic migrations applied at start, so a kiosk in the field upgrades itself.

Several areas add their own migrations on top of ``0001``; the store upgrades to all heads.
The check against the current revisions is cheap, so an up-to-date kiosk pays almost
nothing at start.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> bool:
    """Bring the database to every head; returns True when something was applied."""
    cfg = alembic_config(engine)
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current == heads:
        return False
    command.upgrade(cfg, "heads")
    return True
