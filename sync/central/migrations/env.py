"""Alembic environment of the central: runs on the engine it is handed (no alembic.ini)."""
from __future__ import annotations

from alembic import context

from sync.central.models import CentralBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=CentralBase.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
