"""Tables of the reference central server (PostgreSQL in pilots, SQLite for the demo).

The central is a separate program from the kiosk and keeps its own metadata: it never shares
the kiosk store's ``Base``.  The schema is made and upgraded by Alembic
(``sync.central.migrate``): a change here needs a revision in ``migrations/versions``.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class CentralBase(DeclarativeBase):
    pass


class Kiosk(CentralBase):
    __tablename__ = "kiosk"
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: the one agency whose dossier series and codes this kiosk may use (from its token)
    agency_id: Mapped[str] = mapped_column(String(20))
    #: the one centre whose ticket queues this kiosk may use
    centre_id: Mapped[str] = mapped_column(String(40), default="")
    secret_hex: Mapped[str] = mapped_column(String(128))
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_heartbeat: Mapped[str | None] = mapped_column(Text)


class EnrollmentToken(CentralBase):
    """A one-time token an admin issued for one kiosk id (``kiosk central enroll-token``).

    Only its SHA-256 is kept; it is spent by the registration that uses it, and worthless
    after ``expires_at``.  ``rekey``: the kiosk exists and gets a new secret."""

    __tablename__ = "enrollment_token"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    agency_id: Mapped[str] = mapped_column(String(20))
    centre_id: Mapped[str] = mapped_column(String(40))
    rekey: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SecurityEvent(CentralBase):
    """A refused request that looks like abuse (another agency's series, a future day, a
    wrong check code, a papers query without proof): who, what, when — no personal data."""

    __tablename__ = "security_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(String(300), default="")


class TechnicianAction(CentralBase):
    """A technician's action on a kiosk, sent with its heartbeat (kiosk/technician/audit.py):
    what, when, a short technical detail, never personal data; one row per kiosk entry."""

    __tablename__ = "technician_action"
    __table_args__ = (UniqueConstraint("kiosk_id", "entry_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    entry_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200), default="")


class PresenceChallenge(CentralBase):
    """A nonce the central gave a kiosk to bind its statement of a chip read to (papers
    search): single use, short-lived."""

    __tablename__ = "presence_challenge"
    challenge: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: the chip's EF.SOD digest the kiosk stated when it spent the challenge (audit trail)
    sod_sha256: Mapped[str | None] = mapped_column(String(64))


class SeenNonce(CentralBase):
    """Nonces of signed requests inside the freshness window: the primary key refuses replays."""

    __tablename__ = "seen_nonce"
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    timestamp: Mapped[int] = mapped_column(BigInteger, index=True)


class Counter(CentralBase):
    """Last number handed out per series and day (queue tickets, dossier codes)."""

    __tablename__ = "counter"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    #: an agency id, or for tickets "<centre id>/<queue>": a queue belongs to its centre
    scope: Mapped[str] = mapped_column(String(81), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Allocation(CentralBase):
    """Who got which block: lets an operator trace any number back to its kiosk."""

    __tablename__ = "allocation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(81))
    day: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    allocated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Dossier(CentralBase):
    __tablename__ = "dossier"
    dossier_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    agency_id: Mapped[str] = mapped_column(String(20), index=True)
    procedure_code: Mapped[str] = mapped_column(String(30))
    #: SHA-256 of the submitted JSON: a retry with other content under the same key is refused
    body_sha256: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    #: TrangThaiHoSo (1..10), see sync.portal
    status: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    committed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Attachment(CentralBase):
    __tablename__ = "attachment"
    attachment_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.dossier_id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    paper_code: Mapped[str] = mapped_column(String(40))
    paper_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)


class CatalogDocument(CentralBase):
    __tablename__ = "catalog_document"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    etag: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReusablePaper(CentralBase):
    """A digitized paper or result the citizen need not bring again (Circular 01/2023 Art. 24)."""

    __tablename__ = "reusable_paper"
    __table_args__ = (UniqueConstraint("owner_id_number", "result_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id_number: Mapped[str] = mapped_column(String(12), index=True)
    result_code: Mapped[str] = mapped_column(String(80))
    paper_name: Mapped[str] = mapped_column(String(300))
    reference_no: Mapped[str] = mapped_column(String(80), default="")
    issuing_agency: Mapped[str] = mapped_column(String(300), default="")
    procedure_code: Mapped[str] = mapped_column(String(30), default="")
    attachment_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Rating(CentralBase):
    """An anonymous satisfaction rating synced from a kiosk (``POST /v1/ratings``): a level
    and reason codes, no person; one row per kiosk entry, so a repeat is not counted twice."""

    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("kiosk_id", "entry_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    entry_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    level: Mapped[str] = mapped_column(String(16))
    service_code: Mapped[str | None] = mapped_column(String(16))
    #: reason codes, comma-separated (the kiosk's configured codes, never free text)
    reasons: Mapped[str] = mapped_column(String(450), default="")


class StaffAccount(CentralBase):
    """A centre's staff member who may read the province dashboard
    (``kiosk central add-staff``); only an scrypt hash of the password is kept."""

    __tablename__ = "staff_account"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: the centre whose kiosks the account sees; empty: every centre of the province
    centre_id: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StaffSession(CentralBase):
    """A logged-in dashboard session: the cookie's SHA-256, so a database reader cannot
    take the session over."""

    __tablename__ = "staff_session"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class LoginFailure(CentralBase):
    """A failed dashboard login, kept for the throttle's window (``staff.LoginThrottle``).

    In the database, not in a process, so every central process behind the load balancer
    counts the same failures.  The username is kept as its SHA-256: people type their
    password into the username field, and a failed login must not store it."""

    __tablename__ = "login_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username_sha256: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
