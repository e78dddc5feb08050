"""Anonymous satisfaction ratings from the kiosk's store to the central's dashboard.

Sent with the heartbeat, at most 100 a time, oldest first; a rating is marked ``sent`` only
once the central's signed answer lists its id, so a lost answer means a resend, which the
central does not count twice (one row per kiosk and entry id).
"""
from __future__ import annotations

from datetime import timezone

from sqlalchemy import select, update

from sync.store.models_rating import Rating

BATCH = 100


def unsent(store, limit: int = BATCH) -> list[dict]:
    with store.session() as s:
        rows = s.scalars(select(Rating).where(Rating.sent.is_(False))
                         .order_by(Rating.id).limit(limit)).all()
        # SQLite gives the stored UTC time back without its zone
        return [{"id": r.id, "at": (r.at if r.at.tzinfo else r.at.replace(tzinfo=timezone.utc))
                 .isoformat(), "level": r.level,
                 "service_code": r.service_code, "reasons": list(r.reasons or [])}
                for r in rows]


def mark_sent(store, ids: list[int]) -> None:
    if ids:
        with store.session() as s:
            s.execute(update(Rating).where(Rating.id.in_(ids)).values(sent=True))


def send(store, client) -> int:
    """One batch to the central; the number it acknowledged."""
    batch = unsent(store)
    if not batch:
        return 0
    accepted = set(client.send_ratings(batch)) & {r["id"] for r in batch}
    mark_sent(store, sorted(accepted))
    return len(accepted)
