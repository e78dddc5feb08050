"""Foundation: queue tickets, daily counters, device faults.

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_counter",
        sa.Column("service_code", sa.String(16), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("service_code", "day", name="pk_ticket_counter"),
    )
    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("service_code", sa.String(16), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(32), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("waiting_ahead", sa.Integer, nullable=False),
        sa.Column("estimated_wait_min", sa.Integer, nullable=False),
        sa.Column("print_outcome", sa.JSON, nullable=True),
        sa.Column("served_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_ticket"),
        sa.UniqueConstraint("service_code", "day", "seq", "kiosk_id", name="uq_ticket_number"),
    )
    op.create_index("ix_ticket_day", "ticket", ["day"])
    op.create_table(
        "device_fault",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.String(500), nullable=False),
        sa.Column("cleared", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_device_fault"),
    )


def downgrade() -> None:
    op.drop_table("device_fault")
    op.drop_index("ix_ticket_day", table_name="ticket")
    op.drop_table("ticket")
    op.drop_table("ticket_counter")
