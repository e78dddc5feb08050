"""Technician audit log.

Revision ID: t001
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "t001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "technician_audit",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("sent", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_technician_audit"),
    )
    op.create_index("ix_technician_audit_sent", "technician_audit", ["sent"])


def downgrade() -> None:
    op.drop_table("technician_audit")
