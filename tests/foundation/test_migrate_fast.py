"""An up-to-date store opens without loading Alembic, and a stale one is still migrated.

A kiosk restarted by its watchdog must be back fast; Alembic's imports cost more than the
whole check, so the heads are read from the migration files themselves.
"""
from __future__ import annotations

import subprocess
import sys

from sqlalchemy import create_engine

from sync.store.migrate import alembic_config, script_heads

OPEN = """
import sys, pathlib
from sync.store import open_store
folder = pathlib.Path(sys.argv[1])
store = open_store(folder / "kiosk.db", folder / "keys" / "store.key")
print("alembic" in sys.modules)
"""


def test_heads_read_from_the_files_are_alembics_heads(tmp_path):
    from alembic.script import ScriptDirectory

    cfg = alembic_config(create_engine(f"sqlite:///{tmp_path / 'x.db'}"))
    assert script_heads() == set(ScriptDirectory.from_config(cfg).get_heads())
    assert len(script_heads()) >= 2  # areas add their own heads on top of 0001


def test_second_start_skips_alembic_first_start_migrates(tmp_path):
    def start() -> bool:
        done = subprocess.run([sys.executable, "-c", OPEN, str(tmp_path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip() == "True"

    assert start() is True, "a new store must be created by the migrations"
    assert start() is False, "an up-to-date store loaded Alembic at start"
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"ticket", "device_fault", "alembic_version"} <= tables
