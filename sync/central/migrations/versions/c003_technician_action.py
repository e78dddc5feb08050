"""Technician actions sent with a kiosk's heartbeat (issue 11).

Revision ID: c003
Revises: c002
"""
import sqlalchemy as sa
from alembic import op

revision = "c003"
down_revision = "c002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "technician_action",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kiosk_id", "entry_id"))
    op.create_index(op.f("ix_technician_action_kiosk_id"), "technician_action", ["kiosk_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_technician_action_kiosk_id"), table_name="technician_action")
    op.drop_table("technician_action")
