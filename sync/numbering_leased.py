"""Queue numbers and dossier sequence numbers unique across the kiosks of a centre.

Design (docs/numbering.md): the central hands out *blocks* of a daily series
(``/v1/allocations``); a kiosk keeps a few leased blocks in its store and takes numbers from
them inside the caller's transaction, with no network on the citizen's path.  When the blocks
run out and the central cannot be reached, the kiosk takes numbers from its own reserved
range above the central's limit (``fallback_base + kiosk_slot * fallback_size + n``), which no
other kiosk and never the central uses.  A number, once taken, is never handed out again; a
lease lost in a crash only leaves a gap.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import msgspec

from sync.settings import SyncSettings

if TYPE_CHECKING:  # SQLAlchemy and the tables load when a number is taken, after the kiosk's
    # home screen shows (issue 9: the sources are made on the start path)
    from sqlalchemy.orm import Session

CENTRE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class NumbersExhausted(Exception):
    vi = "Ki ốt tạm hết số thứ tự. Vui lòng liên hệ cán bộ tại quầy."
    en = "The kiosk has run out of numbers for now. Please ask the officer at the counter."


class LeasedNumbers:
    """Takes numbers of ``kind`` ("ticket" or "dossier_code") from leases, then the fallback."""

    def __init__(self, kind: str, settings: SyncSettings,
                 on_low: Callable[[], None] | None = None) -> None:
        self.kind = kind
        self.settings = settings
        #: called when a series runs low, so the sync worker refills it soon
        self.on_low = on_low

    def allocate(self, session: Session, scope: str, day: date) -> int:
        """The next number of ``scope`` on ``day``; taken within ``session``'s transaction."""
        from sqlalchemy import select, update

        from sync.store.models_sync import NumberLease

        key = day.isoformat()
        pick = (select(NumberLease.id)
                .where(NumberLease.kind == self.kind, NumberLease.scope == scope,
                       NumberLease.day == key, NumberLease.next_value <= NumberLease.last)
                .order_by(NumberLease.id).limit(1).scalar_subquery())
        # One UPDATE .. RETURNING: the write lock is taken before the read, so two threads or
        # processes of this kiosk can never take the same value.
        taken = session.execute(
            update(NumberLease).where(NumberLease.id == pick)
            .values(next_value=NumberLease.next_value + 1)
            .returning(NumberLease.next_value - 1)).scalar_one_or_none()
        if self.on_low is not None and self.remaining(session, scope, day) <= self.settings.lease_low_water:
            self.on_low()
        if taken is not None:
            return taken
        return self._fallback(session, scope, key)

    def _fallback(self, session: Session, scope: str, key: str) -> int:
        from sqlalchemy.dialects.sqlite import insert

        from sync.store.models_sync import FallbackCounter

        s = self.settings
        used = session.execute(
            insert(FallbackCounter).values(kind=self.kind, scope=scope, day=key, used=1)
            .on_conflict_do_update(index_elements=["kind", "scope", "day"],
                                   set_={"used": FallbackCounter.used + 1})
            .returning(FallbackCounter.used)).scalar_one()
        if used > s.fallback_size:
            raise NumbersExhausted(f"{self.kind} {scope} {key}: no lease and fallback range used up")
        number = s.fallback_base + s.kiosk_slot * s.fallback_size + used - 1
        if number > 9999:
            raise NumbersExhausted(f"{self.kind}: fallback range passes 9999; check kiosk_slot")
        return number

    def remaining(self, session: Session, scope: str, day: date) -> int:
        from sqlalchemy import select

        from sync.store.models_sync import NumberLease

        rows = session.execute(
            select(NumberLease.next_value, NumberLease.last)
            .where(NumberLease.kind == self.kind, NumberLease.scope == scope,
                   NumberLease.day == day.isoformat())).all()
        return sum(max(0, last - nxt + 1) for nxt, last in rows)


class LeasedTicketNumbers(LeasedNumbers):
    """The lead's ``TicketNumberSource`` interface: ``allocate(session, service_code, day)``."""

    def __init__(self, settings: SyncSettings, on_low: Callable[[], None] | None = None) -> None:
        super().__init__("ticket", settings, on_low)


class LeasedDossierCodes(LeasedNumbers):
    """Sequence numbers (NNNN) of dossier codes, per agency and day."""

    def __init__(self, settings: SyncSettings, on_low: Callable[[], None] | None = None) -> None:
        super().__init__("dossier_code", settings, on_low)


def centre_today(now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(CENTRE_TZ).date()


def series_to_keep(session: Session, settings: SyncSettings, now: datetime | None = None
                   ) -> list[tuple[str, str, date]]:
    """The (kind, scope, day) series the worker keeps leased: the agency's dossier codes,
    the configured ticket series, every series used in the last week, for today, and for
    tomorrow during the last hour of the day (so midnight does not fall back)."""
    from sqlalchemy import select

    from sync.store.models_sync import FallbackCounter, NumberLease

    now = now or datetime.now(timezone.utc)
    today = centre_today(now)
    days = [today]
    if now.astimezone(CENTRE_TZ).hour >= 23:
        days.append(today + timedelta(days=1))
    week_ago = (today - timedelta(days=7)).isoformat()
    used = {(k, s) for k, s in session.execute(
        select(NumberLease.kind, NumberLease.scope).where(NumberLease.day >= week_ago)).all()}
    used |= {(k, s) for k, s in session.execute(
        select(FallbackCounter.kind, FallbackCounter.scope).where(FallbackCounter.day >= week_ago)).all()}
    used.add(("dossier_code", settings.agency_id))
    used |= {("ticket", code) for code in settings.ticket_series}
    return [(kind, scope, day) for kind, scope in sorted(used) for day in days]


def refill(store, client, settings: SyncSettings, now: datetime | None = None) -> int:
    """Lease a block for every kept series that runs low; returns how many were leased.

    The network call happens outside any store transaction; the block is recorded right
    after, so a crash in between loses the block (a gap), never duplicates it.
    """
    from sync.store.models_sync import NumberLease

    leased = 0
    with store.session() as session:
        wanted = series_to_keep(session, settings, now)
        numbers = {kind: LeasedNumbers(kind, settings) for kind, _, _ in wanted}
        low = [(k, s, d) for k, s, d in wanted
               if numbers[k].remaining(session, s, d) <= settings.lease_low_water]
    for kind, scope, day in low:
        first, last = client.allocate(kind, scope, day, settings.lease_block)
        with store.session() as session:
            session.add(NumberLease(kind=kind, scope=scope, day=day.isoformat(), first=first,
                                    last=last, next_value=first,
                                    leased_at=datetime.now(timezone.utc)))
        leased += 1
    return leased


def ticket_source(settings: SyncSettings, on_low: Callable[[], None] | None = None):
    """The ticket number source the foundation should use for these settings."""
    if settings.numbering == "leased":
        return LeasedTicketNumbers(settings, on_low)
    from sync.numbering import LocalDailyCounter

    return LocalDailyCounter()


def dossier_code_source(settings: SyncSettings, on_low: Callable[[], None] | None = None
                        ) -> LeasedDossierCodes:
    """Dossier sequence numbers: leased, or with ``numbering = "local"`` a plain daily
    counter 1..9999 of this kiosk (the fallback counter over the whole range, never leased)."""
    if settings.numbering == "leased":
        return LeasedDossierCodes(settings, on_low)
    local = msgspec.structs.replace(settings, fallback_base=1, kiosk_slot=0, fallback_size=9999)
    return LeasedDossierCodes(local)
