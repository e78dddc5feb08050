"""The central's tables as ``create_all`` made them before migrations (issue 10).

A database made by that older server has these tables and no ``alembic_version``:
``sync.central.migrate`` stamps it at this revision, then upgrades.

Revision ID: c001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "c001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('allocation',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('kiosk_id', sa.String(length=64), nullable=False),
    sa.Column('allocated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('catalog_document',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('etag', sa.String(length=80), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('counter',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'scope', 'day')
    )
    op.create_table('dossier',
    sa.Column('dossier_id', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kiosk_id', sa.String(length=64), nullable=False),
    sa.Column('agency_id', sa.String(length=20), nullable=False),
    sa.Column('procedure_code', sa.String(length=30), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('committed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('dossier_id'),
    sa.UniqueConstraint('code')
    )
    op.create_index(op.f('ix_dossier_agency_id'), 'dossier', ['agency_id'], unique=False)
    op.create_table('kiosk',
    sa.Column('kiosk_id', sa.String(length=64), nullable=False),
    sa.Column('agency_id', sa.String(length=20), nullable=False),
    sa.Column('secret_hex', sa.String(length=128), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_heartbeat', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('kiosk_id')
    )
    op.create_table('reusable_paper',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('owner_id_number', sa.String(length=12), nullable=False),
    sa.Column('result_code', sa.String(length=80), nullable=False),
    sa.Column('paper_name', sa.String(length=300), nullable=False),
    sa.Column('reference_no', sa.String(length=80), nullable=False),
    sa.Column('issuing_agency', sa.String(length=300), nullable=False),
    sa.Column('procedure_code', sa.String(length=30), nullable=False),
    sa.Column('attachment_id', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('owner_id_number', 'result_code')
    )
    op.create_index(op.f('ix_reusable_paper_owner_id_number'), 'reusable_paper', ['owner_id_number'], unique=False)
    op.create_table('seen_nonce',
    sa.Column('kiosk_id', sa.String(length=64), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('timestamp', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('kiosk_id', 'nonce')
    )
    op.create_index(op.f('ix_seen_nonce_timestamp'), 'seen_nonce', ['timestamp'], unique=False)
    op.create_table('attachment',
    sa.Column('attachment_id', sa.String(length=32), nullable=False),
    sa.Column('dossier_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('paper_code', sa.String(length=40), nullable=False),
    sa.Column('paper_name', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('received', sa.BigInteger(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.dossier_id'], ),
    sa.PrimaryKeyConstraint('attachment_id')
    )
    op.create_index(op.f('ix_attachment_dossier_id'), 'attachment', ['dossier_id'], unique=False)


def downgrade() -> None:
    for table in ("attachment", "seen_nonce", "reusable_paper", "kiosk", "dossier", "counter",
                  "catalog_document", "allocation"):
        op.drop_table(table)
