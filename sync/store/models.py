"""Foundation tables: queue tickets, their daily counters, and recorded device faults.

Tickets carry no personal data (a ticket is anonymous), so nothing here is encrypted.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.store.base import Base


class TicketCounter(Base):
    """The last sequence number handed out for a service on a local day.

    Bumped in the same transaction that records the ticket, so a number, once taken, is
    never handed out again, even if the kiosk crashes before printing.
    """

    __tablename__ = "ticket_counter"

    service_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, Asia/Ho_Chi_Minh
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Ticket(Base):
    """A queue ticket and what happened when it was printed.

    ``status`` is ``allocated`` while printing, then ``issued`` or ``print_failed``: a ticket
    whose print failed does not count as issued (domain notes §6), nor in the queue ahead.
    """

    __tablename__ = "ticket"
    __table_args__ = (UniqueConstraint("service_code", "day", "seq", "kiosk_id", name="uq_ticket_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), nullable=False)
    service_code: Mapped[str] = mapped_column(String(16), nullable=False)
    day: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str] = mapped_column(String(16), nullable=False)
    priority: Mapped[str | None] = mapped_column(String(32), nullable=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="allocated")
    waiting_ahead: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    estimated_wait_min: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    print_outcome: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    served_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DeviceFault(Base):
    """A device problem recorded for the technician (never personal data)."""

    __tablename__ = "device_fault"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    device: Mapped[str] = mapped_column(String(32), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    cleared: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
