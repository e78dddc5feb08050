"""Satisfaction ratings given at the kiosk (anonymous: no personal data, nothing encrypted).

Decision 766/QĐ-TTg (2022) scores service quality on satisfaction measured in real time;
the three levels and "a reason required for not satisfied" follow the practice in the domain
notes §6.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from sync.store.base import Base


class Rating(Base):
    __tablename__ = "rating"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    kiosk_id: Mapped[str] = mapped_column(String(64), nullable=False)
    service_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    level: Mapped[str] = mapped_column(String(16), nullable=False)  # very_satisfied / satisfied / unsatisfied
    reasons: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    #: the central has it (sync.ratings): the province dashboard counts it
    sent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                       server_default=false(), index=True)
