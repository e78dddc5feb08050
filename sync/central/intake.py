"""Dossier intake at the central: submission, verified resumable uploads, bundles, commit.

Every function takes a SQLAlchemy session inside a transaction and returns a JSON-able dict or
raises ``ApiError``.  Idempotent by construction: a dossier id submitted again with the same
bytes answers the stored state; an upload goes on from the offset the central holds; a commit
can be repeated.  Attachment bytes are in their store (``sync.central.storage``: a folder
fsync'd, or an S3 bucket) before the transaction that trusts them commits, so nothing is
acknowledged that a power cut or a lost store could take back.
"""
from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync import contract
from sync.central.errors import ApiError
from sync.central.models import Attachment, Dossier, ReusablePaper, SecurityEvent
from sync.central.service import VN_TZ, KioskRecord, SecurityRefusal, utcnow
from sync.central.storage import AttachmentStore, attachment_path  # noqa: F401 (tests find files by it)
from sync.check_code import check_code_matches

#: how far ahead of the central's clock a dossier's ``received_at`` may be (kiosk clocks
#: are kept by NTP; 5 minutes is the signature's own tolerance)
FUTURE_SKEW = timedelta(minutes=5)
#: how old a dossier may be when it arrives: a kiosk cut off for a long weekend still
#: delivers; an older one is refused (403, kept on the kiosk, parked for staff)
BACKLOG = timedelta(days=7)
#: wrong check codes one kiosk may send per hour before the status lookup answers 429
MAX_WRONG_CHECKS_PER_HOUR = 30


def _attachments(session: Session, dossier_id: str) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.dossier_id == dossier_id)
                                .order_by(Attachment.position)))


def _dossier_state(session: Session, dossier: Dossier, atts: list[Attachment] | None = None) -> dict:
    atts = _attachments(session, dossier.dossier_id) if atts is None else atts
    return {
        "dossier_id": dossier.dossier_id,
        "code": dossier.code,
        "status": dossier.status,
        "committed": dossier.committed_at is not None,
        "attachments": [{"attachment_id": a.attachment_id, "size": a.size, "received": a.received,
                         "complete": a.complete} for a in atts],
    }


def authorize_dossier(kiosk: KioskRecord, sub: contract.DossierSubmission, now) -> None:
    """A kiosk files its own agency's dossiers, received today (within ``FUTURE_SKEW``
    ahead and ``BACKLOG`` behind the central's clock); anything else is a security event."""
    if sub.agency_id != kiosk.agency_id or not sub.code.startswith(kiosk.agency_id + "-"):
        raise SecurityRefusal(403, "foreign_agency",
                              "a kiosk files only its own agency's dossier codes",
                              event="foreign_agency")
    if sub.received_at > now + FUTURE_SKEW:
        raise SecurityRefusal(403, "received_in_future",
                              "received_at is ahead of the central's clock", event="future_dossier")
    if sub.received_at < now - BACKLOG:
        raise SecurityRefusal(403, "received_too_long_ago",
                              f"dossiers older than {BACKLOG.days} days are taken at the counter",
                              event="stale_dossier")


def submit_dossier(session: Session, store: AttachmentStore, kiosk: KioskRecord, idem_key: str,
                   raw: bytes, sub: contract.DossierSubmission,
                   complete_all: bool = False) -> tuple[int, dict]:
    """Record a new dossier (201) or answer the state of the same one (200).

    ``complete_all``: the caller stores every attachment's bytes in this transaction, so a
    new dossier is recorded complete and accepted at once (no commit step)."""
    if idem_key != sub.dossier_id:
        raise ApiError(422, "idempotency_key_mismatch",
                       "Idempotency-Key must equal the dossier_id of the body")
    kiosk_id = kiosk.kiosk_id
    authorize_dossier(kiosk, sub, utcnow())
    body_hash = hashlib.sha256(raw).hexdigest()
    match = contract.DOSSIER_CODE_RE.match(sub.code)
    if match["agency"] != sub.agency_id:
        raise ApiError(422, "code_agency_mismatch", "the dossier code names another agency")
    if match["day"] != f"{sub.received_at.astimezone(VN_TZ):%y%m%d}":
        raise ApiError(422, "code_day_mismatch", "the dossier code's date is not the day received")
    ids = [a.attachment_id for a in sub.attachments]
    if len(set(ids)) != len(ids):
        raise ApiError(422, "duplicate_attachment", "attachment ids repeat")
    empty_sha = hashlib.sha256(b"").hexdigest()
    if any(a.size == 0 and a.sha256 != empty_sha for a in sub.attachments):
        raise ApiError(422, "attachment_hash_mismatch", "an empty attachment has another SHA-256")
    now = utcnow()
    row = dict(dossier_id=sub.dossier_id, code=sub.code, kiosk_id=kiosk_id,
               agency_id=sub.agency_id, procedure_code=sub.procedure_code,
               body_sha256=body_hash, payload=raw.decode("utf-8"),
               status=2 if complete_all else 1, received_at=sub.received_at,
               created_at=now, committed_at=now if complete_all else None)
    atts = [dict(attachment_id=att.attachment_id, dossier_id=sub.dossier_id, position=pos,
                 paper_code=att.paper_code, paper_name=att.paper_name,
                 media_type=att.media_type, size=att.size, sha256=att.sha256,
                 received=att.size if complete_all else 0,
                 complete=complete_all or att.size == 0)
            for pos, att in enumerate(sub.attachments)]
    # Core statements, not the ORM: this runs once per dossier and the unit of work cost
    # more than the database.  The dossier insert doubles as the dedupe (ON CONFLICT DO
    # NOTHING on the id and the code), the attachments go in one multi-row INSERT.
    conn = session.connection()
    if conn.execute(_insert_new_dossier(conn), row).first() is None:
        existing = session.get(Dossier, sub.dossier_id)
        if existing is None or existing.kiosk_id != kiosk_id:
            # another kiosk's dossier (even its exact bytes) tells nothing about its state
            raise ApiError(409, "conflict",
                           "the dossier code or an attachment id is already taken")
        return _answer_existing(session, existing, body_hash)
    try:
        # no savepoint: a conflict refuses the whole request (its transaction rolls back)
        if atts:
            _insert_rows(conn, Attachment.__table__, atts)
        if complete_all:
            papers = _reusable_papers(sub, sub.code, sub.agency_id, now)
            if papers:
                _insert_rows(conn, ReusablePaper.__table__, papers)
    except IntegrityError:
        raise ApiError(409, "conflict",
                       "the dossier code or an attachment id is already taken") from None
    for att in sub.attachments:
        if att.size == 0:  # nothing to upload: the empty file is complete as declared
            store.put(att.attachment_id, b"")
    return 201, {"dossier_id": sub.dossier_id, "code": sub.code, "status": row["status"],
                 "committed": complete_all,
                 "attachments": [{"attachment_id": a["attachment_id"], "size": a["size"],
                                  "received": a["received"], "complete": a["complete"]}
                                 for a in atts]}


def _answer_existing(session: Session, existing: Dossier, body_hash: str) -> tuple[int, dict]:
    if existing.body_sha256 != body_hash:
        raise ApiError(409, "idempotency_conflict",
                       "this dossier id was already used with different content")
    return 200, _dossier_state(session, existing)


def _insert_new_dossier(conn):
    """``INSERT … ON CONFLICT DO NOTHING RETURNING`` in the connection's dialect (built once)."""
    dialect = conn.dialect.name
    stmt = _NEW_DOSSIER.get(dialect)
    if stmt is None:
        make = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = Dossier.__table__
        stmt = _NEW_DOSSIER[dialect] = (make(table).on_conflict_do_nothing()
                                        .returning(table.c.dossier_id))
    return stmt


_NEW_DOSSIER: dict = {}


def _insert_rows(conn, table, rows: list[dict]) -> None:
    """One multi-row INSERT (one round trip), built once per row count as typed ``text()``:
    SQLAlchemy cannot cache a multi-VALUES ``insert()`` and compiled it on every request."""
    keys = list(rows[0])
    stmt = _MULTI_INSERT.get((table.name, len(rows)))
    if stmt is None:
        values = ", ".join("(" + ", ".join(f":{k}_{i}" for k in keys) + ")"
                           for i in range(len(rows)))
        stmt = _MULTI_INSERT[(table.name, len(rows))] = text(
            f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES {values}").bindparams(
            *(bindparam(f"{k}_{i}", type_=table.c[k].type)
              for i in range(len(rows)) for k in keys))
    conn.execute(stmt, {f"{k}_{i}": row[k] for i, row in enumerate(rows) for k in keys})


_MULTI_INSERT: dict = {}


def submit_bundle(session: Session, store: AttachmentStore, kiosk: KioskRecord, idem_key: str,
                  raw: bytes, sub: contract.DossierSubmission,
                  payload: memoryview) -> tuple[int, dict]:
    """A dossier and all its attachments in one request, committed at once.

    For the common small dossier this replaces submit + one upload per attachment + commit.
    All or nothing: a bad length or digest refuses the whole bundle; a repeat is answered
    from what is already stored (the same idempotency rules as ``submit_dossier``).
    """
    status, state = submit_dossier(session, store, kiosk, idem_key, raw, sub,
                                   complete_all=True)
    if status == 200 and state["committed"]:
        return status, state
    if len(payload) != sum(a.size for a in sub.attachments):
        raise ApiError(400, "bundle_length_mismatch",
                       "the attachment bytes do not add up to the declared sizes")
    # a dossier known before (a chunked attempt) keeps what it already has
    had = set() if status == 201 else {a["attachment_id"] for a in state["attachments"]
                                       if a["complete"]}
    offset, written = 0, []
    for manifest in sub.attachments:
        data = payload[offset:offset + manifest.size]
        offset += manifest.size
        if manifest.attachment_id in had:
            continue
        if hashlib.sha256(data).hexdigest() != manifest.sha256:
            raise ApiError(422, "attachment_hash_mismatch",
                           "an attachment's SHA-256 does not match its manifest")
        written.append((manifest.attachment_id, data))
    for attachment_id, data in written:
        store.put(attachment_id, data)
    if status == 201:  # recorded complete and accepted by submit_dossier
        return status, state
    for att in _attachments(session, sub.dossier_id):
        att.received, att.complete = att.size, True
    return status, commit_dossier(session, kiosk.kiosk_id, sub.dossier_id)


def _own_dossier(session: Session, kiosk_id: str, dossier_id: str, lock: bool = False) -> Dossier:
    query = select(Dossier).where(Dossier.dossier_id == dossier_id)
    dossier = session.scalars(query.with_for_update() if lock else query).first()
    if dossier is None or dossier.kiosk_id != kiosk_id:
        raise ApiError(404, "no_such_dossier", "no dossier with this id from this kiosk")
    return dossier


def dossier_state(session: Session, kiosk_id: str, dossier_id: str) -> dict:
    return _dossier_state(session, _own_dossier(session, kiosk_id, dossier_id))


def upload_chunk(session: Session, store: AttachmentStore, kiosk_id: str, dossier_id: str,
                 attachment_id: str, offset: int, chunk: bytes, chunk_sha256: str) -> dict:
    """Append a chunk at ``offset``; on the last byte verify the whole file's SHA-256."""
    att = session.scalars(
        select(Attachment).join(Dossier, Dossier.dossier_id == Attachment.dossier_id)
        .where(Attachment.attachment_id == attachment_id, Dossier.dossier_id == dossier_id,
               Dossier.kiosk_id == kiosk_id)
        .with_for_update(of=Attachment)).first()
    if att is None:
        raise ApiError(404, "no_such_attachment", "no such attachment in a dossier of this kiosk")
    if att.complete:
        return {"received": att.received, "complete": True, "committed": False}
    if offset != att.received:
        raise ApiError(409, "offset_mismatch", "upload offset differs from what was received",
                       received=att.received)
    if hashlib.sha256(chunk).hexdigest() != chunk_sha256:
        raise ApiError(422, "chunk_hash_mismatch", "the chunk's SHA-256 does not match")
    if offset + len(chunk) > att.size:
        raise ApiError(422, "too_long", "the chunk goes past the declared size")
    store.put_chunk(attachment_id, offset, chunk)
    att.received = offset + len(chunk)
    if att.received == att.size:
        if not store.finish(attachment_id, att.size, att.sha256):
            att.received = 0
            raise ApiError(422, "attachment_hash_mismatch",
                           "the whole attachment's SHA-256 does not match; upload again",
                           commit=True, received=0)
        att.complete = True
        session.flush()
        # the last attachment of a dossier commits it: one round trip less per dossier
        others = session.scalar(select(func.count()).select_from(Attachment).where(
            Attachment.dossier_id == dossier_id, Attachment.complete.is_(False)))
        if others == 0:
            commit_dossier(session, kiosk_id, dossier_id)
            return {"received": att.received, "complete": True, "committed": True}
    return {"received": att.received, "complete": att.complete, "committed": False}


def commit_dossier(session: Session, kiosk_id: str, dossier_id: str) -> dict:
    dossier = _own_dossier(session, kiosk_id, dossier_id, lock=True)
    atts = _attachments(session, dossier_id)
    missing = [a.attachment_id for a in atts if not a.complete]
    if missing:
        raise ApiError(409, "incomplete_attachments", "some attachments are not complete",
                       missing=missing)
    if dossier.committed_at is None:
        dossier.committed_at = utcnow()
        dossier.status = 2  # accepted (tiếp nhận)
        _record_reusable_papers(session, dossier)
    return {**_dossier_state(session, dossier, atts),
            "committed_at": dossier.committed_at.isoformat()}


def _record_reusable_papers(session: Session, dossier: Dossier) -> None:
    """Digitized papers of an accepted dossier become reusable by their owner (Decision 468)."""
    sub = contract.DossierSubmission.model_validate_json(dossier.payload)
    papers = _reusable_papers(sub, dossier.code, dossier.agency_id, utcnow())
    if papers:
        _insert_rows(session.connection(), ReusablePaper.__table__, papers)


def _reusable_papers(sub: contract.DossierSubmission, code: str, agency_id: str,
                     now) -> list[dict]:
    return [dict(owner_id_number=sub.applicant.id_number,
                 result_code=f"{code}:{att.paper_code}", paper_name=att.paper_name,
                 reference_no=code, issuing_agency=agency_id,
                 procedure_code=sub.procedure_code, attachment_id=att.attachment_id,
                 created_at=now)
            for att in sub.attachments if att.digitized and att.paper_code]


def status_by_code(session: Session, kiosk_id: str, code: str, check: str) -> dict:
    """A dossier's status for its code and the check code printed beside it on the receipt
    (``sync.check_code``): the code alone is a date and a counter anyone can guess.  A wrong
    check code answers like an unknown dossier, is a security event, and after
    ``MAX_WRONG_CHECKS_PER_HOUR`` of them the kiosk is told to wait (429)."""
    wrong = session.scalar(select(func.count()).select_from(SecurityEvent).where(
        SecurityEvent.kiosk_id == kiosk_id, SecurityEvent.kind == "wrong_check_code",
        SecurityEvent.at > utcnow() - timedelta(hours=1)))
    if wrong >= MAX_WRONG_CHECKS_PER_HOUR:
        raise ApiError(429, "too_many_attempts", "too many wrong check codes: try later")
    dossier = session.scalars(select(Dossier).where(Dossier.code == code)).first()
    if dossier is not None and not check_code_matches(dossier.dossier_id, check):
        raise SecurityRefusal(404, "no_such_dossier", "no dossier with this code and check code",
                              event="wrong_check_code")
    if dossier is None:
        raise ApiError(404, "no_such_dossier", "no dossier with this code and check code")
    return {"code": dossier.code, "status": dossier.status,
            "received_at": dossier.received_at.isoformat(),
            "committed": dossier.committed_at is not None}
