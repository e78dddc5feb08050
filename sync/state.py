"""What staff and screens need to know about sync: pending, failing, last success.

Read from the store, so the CLI (another process) sees the same as the running kiosk.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.store.models_dossier import Dossier
from sync.store.models_sync import OutboxItem, SyncState


@dataclass(frozen=True)
class FailingItem:
    outbox_id: int
    dossier_code: str
    state: str
    attempts: int
    last_error: str


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    #: pending items whose last attempt failed (will be retried)
    retrying: int
    #: refused by the central; a person must look, then ``kiosk sync retry``
    failed: int
    delivered: int
    last_success_at: datetime | None
    last_failure_at: datetime | None
    last_error: str | None
    breaker_open_until: datetime | None
    failing_items: tuple[FailingItem, ...]

    @property
    def healthy(self) -> bool:
        return self.failed == 0 and self.retrying == 0


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; everything this module stores is UTC
    return moment.replace(tzinfo=timezone.utc) if moment and moment.tzinfo is None else moment


def sync_status(store, max_items: int = 20) -> SyncStatus:
    with store.session() as session:
        counts = dict(session.execute(select(OutboxItem.state, func.count())
                                      .group_by(OutboxItem.state)).all())
        retrying = session.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.state == "pending", OutboxItem.attempts > 0)) or 0
        rows = session.execute(
            select(OutboxItem, Dossier.code).join(Dossier, Dossier.id == OutboxItem.ref_id)
            .where(OutboxItem.last_error.is_not(None), OutboxItem.state != "done")
            .order_by(OutboxItem.id).limit(max_items)).all()
        failing = tuple(FailingItem(o.id, code, o.state, o.attempts, o.last_error or "")
                        for o, code in rows)
        row = session.get(SyncState, 1)
        return SyncStatus(
            pending=counts.get("pending", 0), retrying=retrying, failed=counts.get("failed", 0),
            delivered=counts.get("done", 0),
            last_success_at=_aware(row.last_success_at) if row else None,
            last_failure_at=_aware(row.last_failure_at) if row else None,
            last_error=row.last_error if row else None,
            breaker_open_until=_aware(row.breaker_open_until) if row else None,
            failing_items=failing)


def record_outcome(store_or_session, *, success: bool, error: str | None = None,
                   breaker_open_until: datetime | None = None) -> None:
    """Note a success or a failure; given a session, inside that session's transaction."""
    if isinstance(store_or_session, Session):
        _record(store_or_session, success, error, breaker_open_until)
        return
    with store_or_session.session() as session:
        _record(session, success, error, breaker_open_until)


def _record(session: Session, success: bool, error: str | None,
            breaker_open_until: datetime | None) -> None:
    now = datetime.now(timezone.utc)
    values = {"breaker_open_until": breaker_open_until}
    if success:
        values["last_success_at"] = now
    else:
        values.update(last_failure_at=now, last_error=(error or "")[:500])
    # write first: see SyncWorker._mark (SQLite WAL and read-then-write transactions)
    done = session.execute(update(SyncState).where(SyncState.id == 1).values(**values))
    if done.rowcount == 0:
        session.add(SyncState(id=1, **values))


def retry(store, ref: str) -> int:
    """Put failed (or waiting) items back to be tried now; ``ref`` is an outbox id, a dossier
    code, a dossier id, or ``all``.  Returns how many were re-queued."""
    now = datetime.now(timezone.utc)
    with store.session() as session:
        query = select(OutboxItem).where(OutboxItem.state != "done")
        if ref != "all":
            ids = [d for d in session.scalars(
                select(Dossier.id).where((Dossier.code == ref) | (Dossier.id == ref)))]
            cond = OutboxItem.ref_id.in_(ids)
            if ref.isdigit():
                cond = cond | (OutboxItem.id == int(ref))
            query = query.where(cond)
        items = session.scalars(query).all()
        for item in items:
            item.state, item.next_attempt_at = "pending", now
        return len(items)
