"""Sync: dossiers and attachments, outbox, sync state, number leases and fallback counters.

Revision ID: s001
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "s001"
down_revision = "0001"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("agency_id", sa.String(20), nullable=False),
        sa.Column("procedure_code", sa.String(30), nullable=False),
        sa.Column("procedure_name", sa.String(300), nullable=False),
        sa.Column("field_code", sa.String(40), nullable=False),
        sa.Column("field_name", sa.String(300), nullable=False),
        sa.Column("channel", sa.Integer, nullable=False),
        _ts("received_at", False), _ts("due_at"),
        sa.Column("received_at_text", sa.String(40), nullable=False),
        sa.Column("due_at_text", sa.String(40), nullable=True),
        sa.Column("applicant", sa.LargeBinary, nullable=True),
        sa.Column("answers", sa.LargeBinary, nullable=True),
        sa.Column("summary", sa.LargeBinary, nullable=True),
        sa.Column("fees", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _ts("created_at", False), _ts("acked_at"), _ts("purged_at"),
        sa.PrimaryKeyConstraint("id", name="pk_dossier"),
        sa.UniqueConstraint("code", name="uq_dossier_code"),
    )
    op.create_index("ix_dossier_status", "dossier", ["status"])
    op.create_table(
        "dossier_attachment",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("dossier_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("paper_code", sa.String(40), nullable=False),
        sa.Column("paper_name", sa.String(300), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("digitized", sa.Boolean, nullable=False),
        sa.Column("reused_result_code", sa.String(60), nullable=False),
        sa.Column("file_id", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_dossier_attachment"),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], ondelete="CASCADE",
                                name="fk_dossier_attachment_dossier_id_dossier"),
    )
    op.create_index("ix_dossier_attachment_dossier_id", "dossier_attachment", ["dossier_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ref_id", sa.String(32), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        _ts("next_attempt_at", False), _ts("last_attempt_at"),
        sa.Column("last_error", sa.String(500), nullable=True),
        _ts("created_at", False), _ts("done_at"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("kind", "ref_id", name="uq_outbox_ref"),
    )
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer, nullable=False),
        _ts("last_success_at"), _ts("last_failure_at"),
        sa.Column("last_error", sa.String(500), nullable=True),
        _ts("breaker_open_until"),
        sa.PrimaryKeyConstraint("id", name="pk_sync_state"),
    )
    op.create_table(
        "number_lease",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("first", sa.Integer, nullable=False),
        sa.Column("last", sa.Integer, nullable=False),
        sa.Column("next_value", sa.Integer, nullable=False),
        _ts("leased_at", False),
        sa.PrimaryKeyConstraint("id", name="pk_number_lease"),
    )
    op.create_table(
        "number_fallback",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("used", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("kind", "scope", "day", name="pk_number_fallback"),
    )


def downgrade() -> None:
    for table in ("number_fallback", "number_lease", "sync_state", "outbox",
                  "dossier_attachment", "dossier"):
        op.drop_table(table)
