"""The sync tables created by migration s001 match the models the code uses."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.store.base import Base

SYNC_TABLES = {"dossier", "dossier_attachment", "outbox", "sync_state", "number_lease",
               "number_fallback"}


def test_migration_and_models_agree(kiosk_store):
    with kiosk_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)

    def table_of(entry) -> str:
        entry = entry[0] if isinstance(entry, list) else entry
        for part in entry[1:]:
            name = getattr(part, "name", None) if not hasattr(part, "table") else part.table.name
            if name:
                return name
        return ""

    ours = [d for d in diff if table_of(d) in SYNC_TABLES]
    assert ours == [], ours
