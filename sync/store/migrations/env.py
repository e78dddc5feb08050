"""Alembic environment: runs on the engine the store hands over (no alembic.ini)."""
from __future__ import annotations

from alembic import context

import sync.store.models_all  # noqa: F401  (registers every area's tables)
from sync.store.base import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    context.run_migrations()
