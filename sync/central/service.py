"""What the central does, apart from HTTP: kiosks and nonces, allocation, catalog, papers.

Dossier intake (submission, uploads, bundles, commit) lives in ``sync.central.intake``.

Every function takes a SQLAlchemy session inside a transaction and either returns a JSON-able
dict or raises ``ApiError``.  Concurrency is handled by the database: counters advance with a
single ``INSERT .. ON CONFLICT DO UPDATE .. RETURNING`` (atomic in PostgreSQL and SQLite),
uniqueness of dossier ids, codes and nonces by primary keys and unique indexes.
"""
from __future__ import annotations

import hashlib
import secrets
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync import contract
from sync.central.errors import ApiError
from sync.central.models import (
    Allocation,
    CatalogDocument,
    Counter,
    Kiosk,
    ReusablePaper,
    SeenNonce,
)

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CATALOG_NAMES = ("procedures", "forms", "admin-units", "holidays")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# ---------------------------------------------------------------- kiosks and signatures
def register_kiosk(session: Session, req: contract.KioskRegistration, rotate: bool) -> dict:
    kiosk = session.get(Kiosk, req.kiosk_id)
    if kiosk is not None and not rotate:
        raise ApiError(409, "kiosk_exists", "kiosk already registered; pass rotate=1 to rotate")
    secret = secrets.token_hex(32)
    if kiosk is None:
        session.add(Kiosk(kiosk_id=req.kiosk_id, agency_id=req.agency_id, secret_hex=secret,
                          registered_at=utcnow()))
    else:
        kiosk.secret_hex, kiosk.agency_id = secret, req.agency_id
    return {"kiosk_id": req.kiosk_id, "agency_id": req.agency_id, "secret": secret}


SECRET_TTL_S = 10.0


def kiosk_secret(session: Session, kiosk_id: str,
                 cache: dict[str, tuple[float, bytes | None]] | None = None) -> bytes | None:
    """The kiosk's secret; with a ``cache`` (one per app) kept 10 s, so a rotation made by
    another server process takes effect within 10 s (at once in this one)."""
    now = time.monotonic()
    hit = cache.get(kiosk_id) if cache is not None else None
    if hit and now - hit[0] < SECRET_TTL_S:
        return hit[1]
    kiosk = session.get(Kiosk, kiosk_id)
    secret = bytes.fromhex(kiosk.secret_hex) if kiosk else None
    if cache is not None:
        cache[kiosk_id] = (now, secret)
    return secret


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
    kiosk.last_heartbeat = beat.model_dump_json()
    return {"server_time": kiosk.last_heartbeat_at.isoformat()}


# ---------------------------------------------------------------- numbers
def allocate(session: Session, kiosk_id: str, req: contract.AllocationRequest,
             limits: dict[str, int]) -> dict:
    """Hand out ``count`` consecutive numbers of a daily series, never twice."""
    today = datetime.now(VN_TZ).date()
    if abs((req.day - today).days) > 1:  # a kiosk leases for today, or tomorrow near midnight
        raise ApiError(422, "day_out_of_range", "numbers are leased for today or tomorrow only")
    stmt = _insert(session)(Counter).values(kind=req.kind, scope=req.scope, day=req.day, value=req.count)
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
    session.add(Allocation(kind=req.kind, scope=req.scope, day=req.day, first=first, last=last,
                           kiosk_id=kiosk_id, allocated_at=utcnow()))
    return {"kind": req.kind, "scope": req.scope, "day": req.day.isoformat(),
            "first": first, "last": last}


# ---------------------------------------------------------------- dossiers
def search_papers(session: Session, req: contract.PaperSearch) -> dict:
    query = select(ReusablePaper).where(ReusablePaper.owner_id_number == req.owner_id_number)
    papers = session.scalars(query.order_by(ReusablePaper.id)).all()
    return {"papers": [{"MaKetQua": p.result_code, "TenGiayTo": p.paper_name,
                        "SoKyHieu": p.reference_no, "CoQuanChuQuan": p.issuing_agency,
                        "MaTTHC": p.procedure_code, "attachment_id": p.attachment_id}
                       for p in papers]}


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
