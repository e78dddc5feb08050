"""The technician's audit log: every action taken in technician mode, synced with the heartbeat.

No personal data: an action name and a short technical detail (a device, a result). ``sent``
turns true once a heartbeat carrying the entry was accepted by the central.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync.store.base import Base


class TechnicianAudit(Base):
    __tablename__ = "technician_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    detail: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    sent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, index=True)
