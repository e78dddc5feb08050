"""Kiosks bound to their agency and centre; one-time enrollment tokens, security events,
presence challenges; counter scopes long enough for "<centre id>/<queue>" (issue 10, 3-4).

Revision ID: c002
Revises: c001
"""
import sqlalchemy as sa
from alembic import op

revision = "c002"
down_revision = "c001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enrollment_token",
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("agency_id", sa.String(length=20), nullable=False),
        sa.Column("centre_id", sa.String(length=40), nullable=False),
        sa.Column("rekey", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_sha256"))
    op.create_index(op.f("ix_enrollment_token_kiosk_id"), "enrollment_token", ["kiosk_id"])
    op.create_table(
        "presence_challenge",
        sa.Column("challenge", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sod_sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("challenge"))
    op.create_index(op.f("ix_presence_challenge_kiosk_id"), "presence_challenge", ["kiosk_id"])
    op.create_table(
        "security_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("path", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_index(op.f("ix_security_event_at"), "security_event", ["at"])
    op.create_index(op.f("ix_security_event_kiosk_id"), "security_event", ["kiosk_id"])
    for table in ("allocation", "counter"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("scope", existing_type=sa.String(length=40),
                               type_=sa.String(length=81), existing_nullable=False)
    # kiosks registered before have no centre: they get none until an admin re-enrolls them
    with op.batch_alter_table("kiosk") as batch:
        batch.add_column(sa.Column("centre_id", sa.String(length=40), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("kiosk") as batch:
        batch.drop_column("centre_id")
    for table in ("counter", "allocation"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("scope", existing_type=sa.String(length=81),
                               type_=sa.String(length=40), existing_nullable=False)
    for table in ("security_event", "presence_challenge", "enrollment_token"):
        op.drop_table(table)
