"""Write and read the technician audit log; hand unsent entries to the heartbeat.

Every action in technician mode is one row: what (``action``) and a short technical detail.
Never a citizen's data: callers pass device names, results and counts only, and the detail
is cut to 200 characters.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the table (and SQLAlchemy) load on first use, after the kiosk's home shows
    from sync.store.models_technician import TechnicianAudit

log = logging.getLogger(__name__)


def record(store, action: str, detail: str = "") -> None:
    """Append one entry; a store that cannot write is logged, never raised at the technician."""
    from sync.store.models_technician import TechnicianAudit

    try:
        with store.session() as s:
            s.add(TechnicianAudit(at=datetime.now(timezone.utc), action=action[:40],
                                  detail=detail[:200], sent=False))
    except Exception as exc:  # noqa: BLE001 - the panel must keep working (or the app is closing)
        log.error("could not write the technician audit log: %s", type(exc).__name__)


def recent(store, limit: int = 50, since: datetime | None = None,
           actions: tuple[str, ...] = ()) -> list[TechnicianAudit]:
    """Newest first."""
    from sqlalchemy import select

    from sync.store.models_technician import TechnicianAudit

    with store.session() as s:
        query = select(TechnicianAudit).order_by(TechnicianAudit.id.desc()).limit(limit)
        if since is not None:
            query = query.where(TechnicianAudit.at >= since.astimezone(timezone.utc).replace(tzinfo=None))
        if actions:
            query = query.where(TechnicianAudit.action.in_(actions))
        return list(s.scalars(query))


def unsent(store, limit: int = 100) -> list[dict]:
    """Entries the central has not acknowledged yet, oldest first, as heartbeat items."""
    from sqlalchemy import select

    from sync.store.models_technician import TechnicianAudit

    with store.session() as s:
        rows = s.scalars(select(TechnicianAudit).where(TechnicianAudit.sent.is_(False))
                         .order_by(TechnicianAudit.id).limit(limit)).all()
        return [{"id": r.id, "at": aware(r.at).isoformat(timespec="seconds"), "action": r.action,
                 "detail": r.detail} for r in rows]


def mark_sent(store, ids: list[int]) -> None:
    from sqlalchemy import update

    from sync.store.models_technician import TechnicianAudit

    if ids:
        with store.session() as s:
            s.execute(update(TechnicianAudit).where(TechnicianAudit.id.in_(ids)).values(sent=True))


def aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def starts_since(store, hours: float = 24.0) -> tuple[list[datetime], int]:
    """When the app started in the last ``hours``, and how many of those starts followed a
    run that never said ``app_exit`` (a crash, a kill, a power cut): the software page's
    "recent restarts and crashes"."""
    since = datetime.now(timezone.utc) - timedelta(hours=hours)
    entries = recent(store, 200, since, ("app_start", "app_exit"))[::-1]  # oldest first
    starts = [aware(e.at) for e in entries if e.action == "app_start"]
    unclean = sum(1 for before, after in zip(entries, entries[1:])
                  if before.action == after.action == "app_start")
    return starts, unclean
