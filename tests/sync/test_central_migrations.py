"""The central's Alembic migrations: a database made by the server before migrations (with
dossiers in it) is upgraded in place, and the migrated schema is exactly the models'."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from sync.central import migrate
from sync.central.models import CentralBase

from tests.sync.conftest import ENV, ROOT


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.sqlite3'}"
    return request.getfixturevalue("central_db")


def _schema_before_migrations(engine) -> None:
    """What ``create_all`` made before migrations existed: the baseline's tables, no
    ``alembic_version``."""
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), migrate.BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))


def _old_rows(engine) -> None:
    now = datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO kiosk (kiosk_id, agency_id, secret_hex, registered_at) "
                          "VALUES ('kiosk-01', '000.00.00.H30', :s, :t)"), {"s": "ab" * 32, "t": now})
        conn.execute(text(
            "INSERT INTO dossier (dossier_id, code, kiosk_id, agency_id, procedure_code, "
            "body_sha256, payload, status, received_at, created_at, committed_at) VALUES "
            "(:d, '000.00.00.H30-261201-0001', 'kiosk-01', '000.00.00.H30', '1.004222', :h, "
            "'{}', 2, :t, :t, :t)"), {"d": "d" * 32, "h": "0" * 64, "t": now})
        conn.execute(text(
            "INSERT INTO attachment (attachment_id, dossier_id, position, paper_code, paper_name,"
            " media_type, size, sha256, received, complete) VALUES "
            "(:a, :d, 0, 'GT01', 'Giấy tờ 1', 'application/pdf', 4, :h, 4, :c)"),
            {"a": "a" * 32, "d": "d" * 32, "h": "1" * 64, "c": True})
        conn.execute(text("INSERT INTO counter (kind, scope, day, value) "
                          "VALUES ('dossier_code', '000.00.00.H30', :day, 12)"),
                     {"day": date(2026, 12, 1)})


def test_a_database_from_before_migrations_is_upgraded_with_its_rows(db_url):
    engine = create_engine(db_url)
    _schema_before_migrations(engine)
    _old_rows(engine)
    assert migrate.current(engine) is None
    assert migrate.upgrade(engine) == (migrate.BASELINE, migrate.head())
    assert migrate.current(engine) == migrate.head()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT code, status FROM dossier")).all() == [
            ("000.00.00.H30-261201-0001", 2)]
        assert conn.execute(text("SELECT size, complete FROM attachment")).one() == (4, True)
        assert conn.execute(text("SELECT value FROM counter")).scalar_one() == 12
        # the kiosk kept its secret; it has no centre until an admin re-enrolls it
        assert conn.execute(text("SELECT secret_hex, centre_id FROM kiosk")).one() == (
            "ab" * 32, "")
    with engine.begin() as conn:  # the widened scope takes "<centre id>/<queue>"
        conn.execute(text("INSERT INTO counter (kind, scope, day, value) VALUES "
                          "('ticket', :s, :day, 1)"), {"s": "C" * 40 + "/" + "Q" * 40,
                                                       "day": date(2026, 12, 1)})
    assert migrate.upgrade(engine) == (migrate.head(), migrate.head())  # nothing left to do
    engine.dispose()


def test_the_migrated_schema_is_the_models(db_url):
    engine = create_engine(db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, CentralBase.metadata) == []
    engine.dispose()


def test_kiosk_central_migrate_command(central_db):
    run = [sys.executable, "-m", "sync.central", "migrate", "--db", central_db]
    first = subprocess.run(run, cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    assert f"empty -> {migrate.head()}" in first.stdout
    again = subprocess.run(run, cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    assert f"already at {migrate.head()}" in again.stdout
