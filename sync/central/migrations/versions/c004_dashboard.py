"""Province dashboard: ratings synced from the kiosks, staff accounts and their sessions.

Revision ID: c004
Revises: c003
"""
import sqlalchemy as sa
from alembic import op

revision = "c004"
down_revision = "c003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rating",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("service_code", sa.String(length=16), nullable=True),
        sa.Column("reasons", sa.String(length=450), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kiosk_id", "entry_id"))
    op.create_index(op.f("ix_rating_kiosk_id"), "rating", ["kiosk_id"])
    op.create_index(op.f("ix_rating_at"), "rating", ["at"])
    op.create_table(
        "staff_account",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("centre_id", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username"))
    op.create_table(
        "staff_session",
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_sha256"))
    op.create_index(op.f("ix_staff_session_username"), "staff_session", ["username"])
    op.create_index(op.f("ix_staff_session_expires_at"), "staff_session", ["expires_at"])


def downgrade() -> None:
    op.drop_table("staff_session")
    op.drop_table("staff_account")
    op.drop_index(op.f("ix_rating_at"), table_name="rating")
    op.drop_index(op.f("ix_rating_kiosk_id"), table_name="rating")
    op.drop_table("rating")
