"""Failed dashboard logins in the database: the throttle counts them across every central
process (it was per process, so N processes allowed N times the guesses).

Revision ID: c005
Revises: c004
"""
import sqlalchemy as sa
from alembic import op

revision = "c005"
down_revision = "c004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username_sha256", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_index(op.f("ix_login_failure_username_sha256"), "login_failure",
                    ["username_sha256"])
    op.create_index(op.f("ix_login_failure_at"), "login_failure", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_login_failure_at"), table_name="login_failure")
    op.drop_index(op.f("ix_login_failure_username_sha256"), table_name="login_failure")
    op.drop_table("login_failure")
