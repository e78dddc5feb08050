"""The bodies exchanged between a kiosk and the central system, as strict pydantic models.

One definition serves both ends: the kiosk builds its requests from these models and the
central validates what it receives with them (unknown fields, wrong types and missing fields
are refused, never coerced).  ``sync/openapi.yaml`` documents the same shapes for other
implementations of the central.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SHA256_HEX = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
UUID_TEXT = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
#: QCVN 102:2016/BTTTT electronic identifier of an agency, e.g. 000.00.00.H30
AGENCY_ID = Annotated[str, Field(pattern=r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$")]
#: mã TTHC, e.g. 1.004222 or a local variant 1.000948.H38
PROCEDURE_CODE = Annotated[str, Field(pattern=r"^[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,8})?$")]
KIOSK_ID = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")]
SHORT_TEXT = Annotated[str, Field(min_length=1, max_length=300)]

#: the same rule for JSON Schema (ECMA-262 regexes have no ``(?P<name>…)`` groups)
DOSSIER_CODE_PATTERN = (r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}-[0-9]{6}-[0-9]{4}$")
DOSSIER_CODE_RE = re.compile(
    r"^(?P<agency>[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3})-(?P<day>[0-9]{6})-(?P<seq>[0-9]{4})$"
)


_EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(2100, 1, 1, tzinfo=timezone.utc)
#: a kiosk's clock never reads before the Unix epoch (an RTC that lost its battery reads
#: 1970 until NTP answers: an entry made then is still sent, not refused forever)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _time_between(earliest: datetime) -> AfterValidator:
    """A time with its UTC offset, from ``earliest`` to 2100.  Bounded because
    ``0001-01-01T00:00:00+14:00`` and ``9999-12-31T23:59:59-14:00`` parse, then overflow when
    moved to UTC (OverflowError: a 500 at the central)."""
    def check(value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a UTC offset")
        if not earliest <= value < _LATEST:
            raise ValueError(f"timestamps must lie between {earliest.year} and {_LATEST.year}")
        return value
    return AfterValidator(check)


#: an event time read from a kiosk's clock (a technician's action, a rating)
KIOSK_TIME = Annotated[datetime, _time_between(_EPOCH)]
#: a dossier's times, which the day rule checks further
DOSSIER_TIME = Annotated[datetime, _time_between(_EARLIEST)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class KioskRegistration(_Strict):
    kiosk_id: KIOSK_ID
    agency_id: AGENCY_ID


class CheckReport(_Strict):
    """One diagnostic check's verdict (kiosk/diagnostics), for the province dashboard."""

    status: Literal["ok", "warning", "fault"]
    reason: Annotated[str, Field(max_length=200)] = ""


class AuditEntry(_Strict):
    """One technician action on the kiosk; ``id`` is the kiosk's own, so a repeat is ignored."""

    id: int = Field(ge=1, le=2**53)
    at: KIOSK_TIME
    action: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
    detail: Annotated[str, Field(max_length=200)] = ""


class Heartbeat(_Strict):
    queue_depth: int = Field(ge=0, le=10_000_000)
    failing: int = Field(default=0, ge=0, le=10_000_000)
    devices: dict[Annotated[str, Field(max_length=40)],
                  Literal["ok", "warning", "fault", "absent", "simulator"]] = Field(
        default_factory=dict, max_length=40
    )
    app_version: Annotated[str, Field(max_length=40)] = ""
    checks: dict[Annotated[str, Field(max_length=40)], CheckReport] = Field(default_factory=dict, max_length=40)
    audit: list[AuditEntry] = Field(default_factory=list, max_length=100)
    #: the procedure catalog the kiosk runs (its ETag), for the province dashboard
    catalog_version: Annotated[str, Field(max_length=80)] = ""


class RatingEntry(_Strict):
    """One anonymous satisfaction rating (sync/store/models_rating.py): a level and reason
    codes, no person; ``id`` is the kiosk's own, so a repeat is ignored."""

    id: int = Field(ge=1, le=2**53)
    at: KIOSK_TIME
    level: Literal["very_satisfied", "satisfied", "unsatisfied"]
    service_code: Annotated[str, Field(pattern=r"^[0-9A-Za-z._-]{1,16}$")] | None = None
    reasons: list[Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]] = Field(
        default_factory=list, max_length=10)


class RatingBatch(_Strict):
    ratings: list[RatingEntry] = Field(min_length=1, max_length=100)


class AllocationRequest(_Strict):
    kind: Literal["ticket", "dossier_code"]
    #: the series: for a dossier code the receiving agency's id, for a ticket the queue name
    scope: Annotated[str, Field(pattern=r"^[0-9A-Za-z._-]{1,40}$")]
    day: date = Field(description="today or tomorrow in Asia/Ho_Chi_Minh (leases near midnight)")
    count: int = Field(ge=1, le=1000)


class AllocationResult(_Strict):
    kind: Literal["ticket", "dossier_code"]
    scope: str
    day: date
    first: int
    last: int


class Applicant(_Strict):
    """The holder of the dossier (chủ hồ sơ); personal data, encrypted at rest on the kiosk."""

    full_name: SHORT_TEXT
    id_number: Annotated[str, Field(pattern=r"^([0-9]{12}|[0-9]{9})$")]
    #: LoaiDoiTuong: 1 citizen, 2 business, 3 state agency, 4 other organisation
    subject_kind: int = Field(default=1, ge=1, le=4)
    phone: Annotated[str, Field(max_length=20)] = ""
    email: Annotated[str, Field(max_length=120)] = ""
    address: Annotated[str, Field(max_length=300)] = ""


class AttachmentManifest(_Strict):
    attachment_id: UUID_TEXT
    paper_code: Annotated[str, Field(max_length=40)] = ""
    paper_name: SHORT_TEXT
    file_name: Annotated[str, Field(min_length=1, max_length=200)]
    media_type: Annotated[str, Field(pattern=r"^[a-z]+/[a-z0-9.+-]+$")]
    size: int = Field(ge=0, le=200 * 1024 * 1024)
    sha256: SHA256_HEX
    digitized: bool = True
    #: MaKetQuaThayThe: the code of a reused digitized result replacing this paper
    reused_result_code: Annotated[str, Field(max_length=60)] = ""


class Fee(_Strict):
    code: Annotated[str, Field(max_length=40)] = ""
    name: SHORT_TEXT
    amount_vnd: int = Field(ge=0, le=1_000_000_000)


class DossierSubmission(_Strict):
    dossier_id: UUID_TEXT
    code: Annotated[str, Field(max_length=40, pattern=DOSSIER_CODE_PATTERN, description=(
        "mã hồ sơ <agency id>-<YYMMDD>-<NNNN> (Circular 01/2018/TT-VPCP Art. 19): the agency "
        "part equals agency_id and the kiosk's own agency; YYMMDD is received_at's date in "
        "Asia/Ho_Chi_Minh (the day rule)"))]
    agency_id: AGENCY_ID
    procedure_code: PROCEDURE_CODE
    procedure_name: SHORT_TEXT
    field_code: Annotated[str, Field(max_length=40)] = ""
    field_name: Annotated[str, Field(max_length=300)] = ""
    received_at: DOSSIER_TIME = Field(description=(
        "with a UTC offset; at most 5 minutes ahead of the central's clock and 7 days behind"))
    due_at: DOSSIER_TIME | None = None
    #: KenhThucHien 1..3; an int, not Literal[1, 2, 3]: a Literal lets `true` and `1.0` through
    channel: int = Field(default=1, ge=1, le=3)
    applicant: Applicant
    summary: Annotated[str, Field(max_length=2000)] = ""
    answers: dict[str, object] = Field(default_factory=dict)
    fees: list[Fee] = Field(default_factory=list, max_length=50)
    attachments: list[AttachmentManifest] = Field(default_factory=list, max_length=100)


class PresenceStatement(_Strict):
    """The kiosk's word, inside its signed request, that it read this citizen's chip after
    the central issued ``challenge`` (sync.central.papers, docs/security.md)."""

    challenge: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{32}$")]
    #: the ID number read from the chip (DG13), not typed
    id_number: Annotated[str, Field(pattern=r"^[0-9]{12}$")]
    #: SHA-256 of the chip's EF.SOD, as read
    sod_sha256: SHA256_HEX
    #: the passive-authentication verdict (devices.idcard.passive_auth.PaStatus value)
    passive_authentication: Literal["verified_csca", "signature_valid", "hashes_only", "failed"]


class PaperSearch(_Strict):
    owner_id_number: Annotated[str, Field(pattern=r"^([0-9]{12}|[0-9]{9})$")]
    procedure_code: PROCEDURE_CODE | None = None
    presence: PresenceStatement


def format_dossier_code(agency_id: str, day: date, seq: int) -> str:
    """Circular 01/2018/TT-VPCP Art. 19: ``<agency id>-<YYMMDD>-<NNNN>``."""
    if not 1 <= seq <= 9999:
        raise ValueError("dossier sequence must be 1..9999")
    return f"{agency_id}-{day:%y%m%d}-{seq:04d}"
