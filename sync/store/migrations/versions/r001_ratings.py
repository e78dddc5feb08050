"""Satisfaction ratings.

Revision ID: r001
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "r001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rating",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("service_code", sa.String(16), nullable=True),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rating"),
    )


def downgrade() -> None:
    op.drop_table("rating")
