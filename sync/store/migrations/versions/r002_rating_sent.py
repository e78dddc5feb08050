"""Ratings are synced to the central (province dashboard): which ones it has.

Revision ID: r002
Revises: r001
"""
import sqlalchemy as sa
from alembic import op

revision = "r002"
down_revision = "r001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rating") as batch:
        batch.add_column(sa.Column("sent", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.create_index("ix_rating_sent", ["sent"])


def downgrade() -> None:
    with op.batch_alter_table("rating") as batch:
        batch.drop_index("ix_rating_sent")
        batch.drop_column("sent")
