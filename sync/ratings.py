"""Anonymous satisfaction ratings from the kiosk's store to the central's dashboard.

Sent with the heartbeat, at most 100 a time, oldest first; a rating is marked ``sent`` only
once the central's signed answer lists its id, so a lost answer means a resend, which the
central does not count twice (one row per kiosk and entry id).  A rating the central refuses
for its time (the kiosk's clock was wrong when it was given) is settled too: it would never
be counted, and left unsent it would be sent first again and again.
"""
from __future__ import annotations

import logging
from datetime import timezone

from sqlalchemy import select, update

from sync.store.models_rating import Rating

log = logging.getLogger(__name__)
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
    """One batch to the central; the number it kept."""
    batch = unsent(store)
    if not batch:
        return 0
    accepted, refused = client.send_ratings(batch)
    ours = {r["id"] for r in batch}
    kept, refused = set(accepted) & ours, set(refused) & ours - set(accepted)
    if refused:
        log.warning("%d ratings refused by the central for their time (the kiosk's clock "
                    "was wrong when they were given): not counted", len(refused))
    mark_sent(store, sorted(kept | refused))
    return len(kept)
