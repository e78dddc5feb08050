"""Dossiers waiting on the kiosk for the central system, and their attachments.

Identity, answers and the summary are personal data: encrypted columns, cleared by the
retention purge once the central has acknowledged the dossier and the window has passed.
The attachment bytes live in the encrypted file store; ``file_id`` goes to NULL when purged.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sync.store.base import Base
from sync.store.crypto import EncryptedJSON, EncryptedText


class Dossier(Base):
    __tablename__ = "dossier"

    #: uuid4 hex, also the idempotency key at the central
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    agency_id: Mapped[str] = mapped_column(String(20), nullable=False)
    procedure_code: Mapped[str] = mapped_column(String(30), nullable=False)
    procedure_name: Mapped[str] = mapped_column(String(300), nullable=False)
    field_code: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    field_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    channel: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: the submission's timestamps exactly as first sent (ISO text), so every retry's bytes match
    received_at_text: Mapped[str] = mapped_column(String(40), nullable=False)
    due_at_text: Mapped[str | None] = mapped_column(String(40), nullable=True)
    applicant: Mapped[dict | None] = mapped_column(EncryptedJSON("dossier.applicant"), nullable=True)
    answers: Mapped[dict | None] = mapped_column(EncryptedJSON("dossier.answers"), nullable=True)
    summary: Mapped[str | None] = mapped_column(EncryptedText("dossier.summary"), nullable=True)
    fees: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    #: queued → acked (central committed it) → purged (personal data and files deleted)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="queued", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    attachments: Mapped[list["DossierAttachment"]] = relationship(
        back_populates="dossier", order_by="DossierAttachment.position", cascade="all, delete-orphan")


class DossierAttachment(Base):
    __tablename__ = "dossier_attachment"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    paper_code: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    paper_name: Mapped[str] = mapped_column(String(300), nullable=False)
    file_name: Mapped[str] = mapped_column(String(200), nullable=False)
    media_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    digitized: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    reused_result_code: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    file_id: Mapped[str | None] = mapped_column(String(32), nullable=True)

    dossier: Mapped[Dossier] = relationship(back_populates="attachments")
