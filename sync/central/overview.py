"""What the province dashboard shows, and the ratings the kiosks sync for it.

Everything here is counts and device words: no citizen's name or number ever reaches the
dashboard (ratings are anonymous on the kiosk already, sync/store/models_rating.py).
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync import contract
from sync.central.models import Counter, Dossier, Kiosk, Rating
from sync.central.service import VN_TZ, _insert

log = logging.getLogger(__name__)
#: a rating's time may lag (kept while the central was unreachable) but not lead our clock
RATING_MAX_AGE = timedelta(days=400)
RATING_MAX_AHEAD = timedelta(minutes=10)
#: a kiosk silent for longer than this is shown as not reporting
STALE_AFTER_S = 180
_WORST = ["ok", "simulator", "absent", "warning", "fault"]


def record_ratings(session: Session, kiosk_id: str, batch: contract.RatingBatch,
                   now: datetime) -> dict:
    """Keep the ratings dated within the last 400 days and not ahead of our clock (10 min
    of slack); answer the ids kept and the ids refused for their time.

    A rating out of that window is refused on its own, not with the whole batch: a kiosk
    whose clock was wrong when a citizen rated (ahead, or at 1970 before NTP) resends its
    oldest unsent ratings first, so one such rating refused with the batch stalled every
    later rating of that kiosk for good.  A refused one is never counted (it would land on
    another day's share); the kiosk settles it and moves on."""
    dated = [(now - RATING_MAX_AGE <= e.at <= now + RATING_MAX_AHEAD, e) for e in batch.ratings]
    kept = [e for ok, e in dated if ok]
    refused = [e.id for ok, e in dated if not ok]
    if refused:
        log.info("kiosk %s: %d ratings refused, dated outside the last %d days or ahead of "
                 "our clock", kiosk_id, len(refused), RATING_MAX_AGE.days)
    if kept:
        session.execute(_insert(session)(Rating).values(
            [{"kiosk_id": kiosk_id, "entry_id": e.id, "at": e.at.astimezone(timezone.utc),
              "level": e.level, "service_code": e.service_code, "reasons": ",".join(e.reasons)}
             for e in kept]).on_conflict_do_nothing())
    return {"accepted": [e.id for e in kept], "refused": refused}


def _kiosk_row(kiosk: Kiosk, now: datetime) -> dict:
    beat = json.loads(kiosk.last_heartbeat or "{}")
    seen = kiosk.last_heartbeat_at
    if seen is not None and seen.tzinfo is None:
        seen = seen.replace(tzinfo=timezone.utc)
    age = int((now - seen).total_seconds()) if seen else None
    devices, checks = beat.get("devices", {}), beat.get("checks", {})
    # the devices' words and the diagnostic checks' (a refused catalog is a warning there)
    words = [w for w in [*devices.values(), *(c.get("status") for c in checks.values())]
             if w in _WORST]
    return {"kiosk_id": kiosk.kiosk_id, "agency_id": kiosk.agency_id, "centre_id": kiosk.centre_id,
            "last_heartbeat_at": seen.isoformat() if seen else None, "seconds_since": age,
            "reporting": age is not None and age <= STALE_AFTER_S,
            "health": max(words, key=_WORST.index) if words else "unknown",
            "devices": devices, "checks": checks, "backlog": beat.get("queue_depth", 0),
            "failing": beat.get("failing", 0), "app_version": beat.get("app_version", ""),
            "catalog_version": beat.get("catalog_version", "")}


def summary(session: Session, centre_id: str, now: datetime) -> dict:
    """The dashboard's figures for one centre's staff (``centre_id`` empty: the province)."""
    today = now.astimezone(VN_TZ).date()
    since = datetime.combine(today, time.min, VN_TZ).astimezone(timezone.utc)
    query = select(Kiosk).order_by(Kiosk.kiosk_id)
    if centre_id:
        query = query.where(Kiosk.centre_id == centre_id)
    kiosks = [_kiosk_row(k, now) for k in session.scalars(query)]
    agencies = sorted({k["agency_id"] for k in kiosks})
    dossiers = dict(session.execute(
        select(Dossier.agency_id, func.count()).where(Dossier.received_at >= since,
                                                      Dossier.agency_id.in_(agencies))
        .group_by(Dossier.agency_id)).all()) if agencies else {}
    tickets = select(Counter.scope, Counter.value).where(Counter.kind == "ticket",
                                                         Counter.day == today)
    if centre_id:
        tickets = tickets.where(Counter.scope.startswith(centre_id + "/", autoescape=True))
    ids = [k["kiosk_id"] for k in kiosks]
    levels = dict(session.execute(
        select(Rating.level, func.count()).where(Rating.at >= since, Rating.kiosk_id.in_(ids))
        .group_by(Rating.level)).all()) if ids else {}
    total = sum(levels.values())
    pleased = levels.get("very_satisfied", 0) + levels.get("satisfied", 0)
    return {
        "generated_at": now.isoformat(), "day": today.isoformat(), "centre_id": centre_id,
        "kiosks": kiosks,
        "agencies": [{"agency_id": a, "dossiers_today": dossiers.get(a, 0)} for a in agencies],
        "queues": [{"queue": scope.partition("/")[2] or scope, "centre_id": scope.partition("/")[0],
                    "numbers_leased": value}
                   for scope, value in session.execute(tickets.order_by(Counter.scope))],
        "ratings": {"total": total, "levels": {lv: levels.get(lv, 0) for lv in
                                               ("very_satisfied", "satisfied", "unsatisfied")},
                    "satisfied_share": round(pleased / total, 4) if total else None},
    }
