"""Where queue-ticket sequence numbers come from.

Numbering sits behind one small interface so it can move: the foundation counts per service
per local day in the kiosk's own store; the sync layer can put a centre-wide source (leased
blocks from the central system) behind the same interface without touching the journey.

Numbers restart at local midnight in the centre's time zone (Asia/Ho_Chi_Minh), are taken
inside the caller's transaction, and are never handed out twice, even after a crash: the
counter row is bumped in the same transaction that records the ticket.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # SQLAlchemy loads after the kiosk's home shows (issue 9)
    from sqlalchemy.orm import Session


def local_day(moment: datetime, tz: str = "Asia/Ho_Chi_Minh") -> date:
    """The calendar day at the centre for an aware ``moment``."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(ZoneInfo(tz)).date()


class TicketNumberSource(Protocol):
    def allocate(self, session: Session, service_code: str, day: date) -> int:
        """Take the next sequence number for ``service_code`` on ``day`` (1, 2, 3 …)."""


class LocalDailyCounter:
    """Per-service, per-day counter in this kiosk's store (one kiosk per centre)."""

    def allocate(self, session: Session, service_code: str, day: date) -> int:
        from sqlalchemy import select

        from sync.store.models import TicketCounter

        key = day.isoformat()
        row = session.scalars(
            select(TicketCounter)
            .where(TicketCounter.service_code == service_code, TicketCounter.day == key)
            .with_for_update()
        ).one_or_none()
        if row is None:
            row = TicketCounter(service_code=service_code, day=key, last_seq=0)
            session.add(row)
        row.last_seq += 1
        session.flush()
        return row.last_seq
