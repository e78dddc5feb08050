"""What the central does, apart from HTTP: enrollment, kiosks and nonces, security events,
allocation, catalog.

Dossier intake (submission, uploads, bundles, commit) lives in ``sync.central.intake``,
reusable papers in ``sync.central.papers``; what each kiosk may do: docs/security.md.

Every function takes a SQLAlchemy session inside a transaction and either returns a JSON-able
dict or raises ``ApiError``.  Concurrency is handled by the database: counters advance with a
single ``INSERT .. ON CONFLICT DO UPDATE .. RETURNING`` (atomic in PostgreSQL and SQLite),
uniqueness of dossier ids, codes and nonces by primary keys and unique indexes.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync import contract, signing
from sync.central.errors import ApiError
from sync.central.models import (
    Allocation,
    CatalogDocument,
    Counter,
    EnrollmentToken,
    Kiosk,
    SeenNonce,
    SecurityEvent,
    TechnicianAction,
)

log = logging.getLogger(__name__)
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CATALOG_NAMES = ("procedures", "forms", "admin-units", "holidays")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class SecurityRefusal(ApiError):
    """A refusal that may be abuse by an authenticated kiosk (another agency's series, a
    future day, a wrong check code, papers without proof): the HTTP layer records it with
    :func:`record_security_event` after the request's transaction is rolled back."""

    def __init__(self, status: int, code: str, message: str, *, event: str) -> None:
        super().__init__(status, code, message)
        self.event = event


def record_security_event(session: Session, kiosk_id: str, kind: str, path: str,
                          detail: str = "") -> None:
    """One row and one log line; ids, codes and paths only, never personal data."""
    log.warning("security event %s: kiosk %s, %s %s", kind, kiosk_id or "-", path, detail)
    session.add(SecurityEvent(at=utcnow(), kiosk_id=kiosk_id[:64], kind=kind[:40],
                              path=path[:200], detail=detail[:300]))


# ---------------------------------------------------------------- enrollment
def issue_enrollment_token(session: Session, kiosk_id: str, agency_id: str, centre_id: str,
                           ttl: timedelta, rekey: bool = False) -> str:
    """A one-time token for one kiosk id (shown once, only its SHA-256 kept).

    A token for a kiosk that exists is a re-keying, which the admin must ask for (``rekey``):
    the kiosk's current secret then stops working when the token is used."""
    exists = session.get(Kiosk, kiosk_id) is not None
    if exists and not rekey:
        raise ValueError(f"kiosk {kiosk_id} is registered: pass --rekey to give it a new secret")
    if rekey and not exists:
        raise ValueError(f"kiosk {kiosk_id} is not registered: nothing to re-key")
    if not timedelta(minutes=1) <= ttl <= timedelta(days=30):
        raise ValueError("the token's lifetime must be between 1 minute and 30 days")
    # prefixed: one base64url token in 64 starts with "-", which the kiosk's command line
    # (``kiosk provision --enroll-token T``) takes for an option and refuses
    token = "enroll-" + secrets.token_urlsafe(32)
    now = utcnow()
    # one open token per kiosk: a new one voids the others (a lost or leaked one)
    session.execute(update(EnrollmentToken).where(EnrollmentToken.kiosk_id == kiosk_id,
                                                  EnrollmentToken.used_at.is_(None))
                    .values(used_at=now))
    session.add(EnrollmentToken(token_sha256=signing.enrollment_key(token).hex(),
                                kiosk_id=kiosk_id, agency_id=agency_id, centre_id=centre_id,
                                rekey=rekey, created_at=now, expires_at=now + ttl))
    return token


def enrollment_secret(session: Session, kiosk_id: str) -> bytes | None:
    """The key a registration of ``kiosk_id`` is signed with: the SHA-256 of its open,
    unexpired enrollment token (the kiosk computes it from the token; the token itself
    never travels, so a fake central learns nothing it could register with)."""
    row = session.scalars(select(EnrollmentToken).where(
        EnrollmentToken.kiosk_id == kiosk_id, EnrollmentToken.used_at.is_(None),
        EnrollmentToken.expires_at > utcnow())).first()
    return bytes.fromhex(row.token_sha256) if row else None


def register_kiosk(session: Session, token_key: bytes, req: contract.KioskRegistration) -> dict:
    """Spend the token whose hash signed the request (one UPDATE: two registrations racing
    cannot both use it) and make the kiosk's secret."""
    now = utcnow()
    spent = session.execute(
        update(EnrollmentToken)
        .where(EnrollmentToken.token_sha256 == token_key.hex(),
               EnrollmentToken.kiosk_id == req.kiosk_id,
               EnrollmentToken.agency_id == req.agency_id,
               EnrollmentToken.used_at.is_(None), EnrollmentToken.expires_at > now)
        .values(used_at=now)
        .returning(EnrollmentToken.centre_id, EnrollmentToken.rekey)).first()
    if spent is None:
        raise ApiError(403, "token_refused", "the enrollment token was issued for another "
                                             "agency (check [sync] agency_id) or just spent")
    centre_id, rekey = spent
    secret = secrets.token_hex(32)
    kiosk = session.get(Kiosk, req.kiosk_id)
    if kiosk is None and not rekey:
        session.add(Kiosk(kiosk_id=req.kiosk_id, agency_id=req.agency_id, centre_id=centre_id,
                          secret_hex=secret, registered_at=now))
    elif kiosk is not None and rekey:
        kiosk.secret_hex, kiosk.agency_id, kiosk.centre_id = secret, req.agency_id, centre_id
    else:  # registered since the token was issued, or deleted: the admin must look
        raise ApiError(409, "kiosk_exists" if kiosk else "no_such_kiosk",
                       "the kiosk's registration changed since the token was issued")
    return {"kiosk_id": req.kiosk_id, "agency_id": req.agency_id, "centre_id": centre_id,
            "secret": secret}


# ---------------------------------------------------------------- kiosks and signatures
@dataclass(frozen=True)
class KioskRecord:
    """What a request may do: who the kiosk is, its agency and centre, its secret."""

    kiosk_id: str
    agency_id: str
    centre_id: str
    secret: bytes


class KioskCache:
    """Kiosk records by id, bounded (least recently used out) and kept ``ttl_s``: a
    re-keying made by another server process takes effect within that time.  Unknown ids
    are kept too, so a flood of them costs one lookup each per ``ttl_s`` but can only push
    out other entries, never grow the memory."""

    def __init__(self, max_entries: int = 4096, ttl_s: float = 10.0) -> None:
        self.max_entries = max_entries
        self.ttl_s = ttl_s
        self._entries: OrderedDict[str, tuple[float, KioskRecord | None]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, session: Session, kiosk_id: str) -> KioskRecord | None:
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(kiosk_id)
            if hit and now - hit[0] < self.ttl_s:
                self._entries.move_to_end(kiosk_id)
                return hit[1]
        kiosk = session.get(Kiosk, kiosk_id)
        record = (KioskRecord(kiosk.kiosk_id, kiosk.agency_id, kiosk.centre_id,
                              bytes.fromhex(kiosk.secret_hex)) if kiosk else None)
        with self._lock:
            self._entries[kiosk_id] = (now, record)
            self._entries.move_to_end(kiosk_id)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return record

    def forget(self, kiosk_id: str) -> None:
        with self._lock:
            self._entries.pop(kiosk_id, None)


def _insert(session: Session):
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def remember_nonce(session: Session, kiosk_id: str, nonce: str, timestamp: int,
                   window_s: int) -> bool:
    """Record the nonce; False when it was there already (a replay).  One statement."""
    conn = session.connection()
    stmt = _NONCE_INSERT.get(conn.dialect.name)
    if stmt is None:  # built once per dialect: this runs for every signed request
        stmt = _NONCE_INSERT[conn.dialect.name] = (
            _insert(session)(SeenNonce).on_conflict_do_nothing().returning(SeenNonce.nonce))
    if conn.execute(stmt, {"kiosk_id": kiosk_id, "nonce": nonce,
                           "timestamp": timestamp}).first() is None:
        return False
    # Nonces older than twice the window can never be accepted again: forget some of them.
    if secrets.randbelow(500) == 0:
        session.execute(delete(SeenNonce).where(SeenNonce.timestamp < timestamp - 2 * window_s))
    return True


_NONCE_INSERT: dict = {}


def heartbeat(session: Session, kiosk_id: str, beat: contract.Heartbeat) -> dict:
    kiosk = session.get(Kiosk, kiosk_id)
    kiosk.last_heartbeat_at = utcnow()
    kiosk.last_heartbeat = beat.model_dump_json(exclude={"audit"})
    if beat.audit:  # a repeat (the kiosk missed our answer) is ignored, not doubled
        session.execute(_insert(session)(TechnicianAction).values(
            [{"kiosk_id": kiosk_id, "entry_id": e.id, "at": e.at, "action": e.action, "detail": e.detail}
             for e in beat.audit]).on_conflict_do_nothing())
    return {"server_time": kiosk.last_heartbeat_at.isoformat()}


# ---------------------------------------------------------------- numbers
#: a kiosk leases tomorrow's numbers during the last hour of the day
#: (sync.numbering_leased.series_to_keep) and may finish yesterday's in the first minutes
#: of a day (its clock a little behind ours)
LEASE_AHEAD_FROM_HOUR = 23
LEASE_BEHIND_MINUTES = 10


def lease_day_allowed(day: date, now: datetime | None = None) -> bool:
    """Numbers are leased for today (the centre's day, Asia/Ho_Chi_Minh), tomorrow from
    23:00 and yesterday until 00:10: a kiosk cannot use up another day's series."""
    local = (now or utcnow()).astimezone(VN_TZ)
    today = local.date()
    return (day == today
            or (day == today + timedelta(days=1) and local.hour >= LEASE_AHEAD_FROM_HOUR)
            or (day == today - timedelta(days=1)
                and local.hour * 60 + local.minute < LEASE_BEHIND_MINUTES))


def allocate(session: Session, kiosk: KioskRecord, req: contract.AllocationRequest,
             limits: dict[str, int]) -> dict:
    """Hand out ``count`` consecutive numbers of a daily series, never twice.

    A kiosk allocates its own agency's dossier numbers and its own centre's ticket queues
    (the queue name is taken inside the kiosk's centre), for today: anything else is a
    security event."""
    if not lease_day_allowed(req.day):
        raise SecurityRefusal(403, "day_out_of_range",
                              "numbers are leased for today only (tomorrow from 23:00)",
                              event="foreign_day")
    if req.kind == "dossier_code" and req.scope != kiosk.agency_id:
        raise SecurityRefusal(403, "foreign_series",
                              "a kiosk leases only its own agency's dossier numbers",
                              event="foreign_series")
    scope = req.scope if req.kind == "dossier_code" else f"{kiosk.centre_id}/{req.scope}"
    kiosk_id = kiosk.kiosk_id
    stmt = _insert(session)(Counter).values(kind=req.kind, scope=scope, day=req.day, value=req.count)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Counter.kind, Counter.scope, Counter.day],
        set_={"value": Counter.value + req.count},
    ).returning(Counter.value)
    last = session.execute(stmt).scalar_one()
    first = last - req.count + 1
    limit = limits.get(req.kind, 9999)
    if last > limit:
        # Roll back the advance: the caller's transaction is aborted by the raise.
        raise ApiError(409, "series_exhausted",
                       f"the {req.kind} series of this day ends at {limit}", limit=limit)
    session.add(Allocation(kind=req.kind, scope=scope, day=req.day, first=first, last=last,
                           kiosk_id=kiosk_id, allocated_at=utcnow()))
    return {"kind": req.kind, "scope": req.scope, "day": req.day.isoformat(),
            "first": first, "last": last}


# ---------------------------------------------------------------- catalog
def put_catalog(session: Session, name: str, raw: bytes) -> dict:
    if name not in CATALOG_NAMES:
        raise ApiError(404, "no_such_catalog", f"catalogs are {', '.join(CATALOG_NAMES)}")
    etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    doc = session.get(CatalogDocument, name)
    if doc is None:
        session.add(CatalogDocument(name=name, body=raw.decode("utf-8"), etag=etag,
                                    updated_at=utcnow()))
    else:
        doc.body, doc.etag, doc.updated_at = raw.decode("utf-8"), etag, utcnow()
    return {"name": name, "etag": etag}


def get_catalog(session: Session, name: str) -> CatalogDocument:
    doc = session.get(CatalogDocument, name) if name in CATALOG_NAMES else None
    if doc is None:
        raise ApiError(404, "no_such_catalog", "this catalog has not been published")
    return doc
