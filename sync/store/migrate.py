"""Alembic migrations applied at start, so a kiosk in the field upgrades itself.

Several areas add their own migrations on top of ``0001``; the store upgrades to all heads.
An up-to-date kiosk (every start but the first after an update) must not pay for loading
Alembic (~0.2 s of imports on a kiosk PC): the heads are read from the migration files'
``revision``/``down_revision`` literals and compared with the ``alembic_version`` table in
plain SQL; Alembic itself is loaded only when something is to be applied.
"""
from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def _literals(source: str) -> dict[str, object]:
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def script_heads(folder: Path = MIGRATIONS / "versions") -> set[str]:
    """The head revisions of the migration files, without importing Alembic or them."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in folder.glob("*.py"):
        values = _literals(path.read_text("utf-8"))
        if "revision" not in values:
            continue
        revisions.add(str(values["revision"]))
        down = values.get("down_revision")
        parents.update([down] if isinstance(down, str) else list(down or ()))
    return revisions - parents


def current_heads(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def upgrade(engine: Engine) -> bool:
    """Bring the database to every head; returns True when something was applied."""
    if current_heads(engine) == script_heads():
        return False
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")
    return True
