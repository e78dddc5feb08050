"""Recording a citizen's dossier on the kiosk, queued for the central in the same transaction.

``submit_dossier`` is what a journey calls when the citizen confirms: the attachments go to
the encrypted file store first (each written atomically), then ONE transaction records the
dossier, its attachments, its dossier code and its outbox row.  A crash before the commit
leaves at most unreferenced encrypted files, never a dossier without its outbox row or a queued dossier without its papers.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from pydantic import ValidationError

from sync.client import canonical_json
from sync.contract import DossierSubmission, format_dossier_code
from sync.numbering_leased import CENTRE_TZ, LeasedDossierCodes
from sync.store.models_dossier import Dossier, DossierAttachment
from sync.store.models_sync import OutboxItem


class InvalidDossier(ValueError):
    """The dossier would break the contract; ``str()`` names fields and problems, never values."""

    vi = "Thông tin hồ sơ chưa hợp lệ. Vui lòng kiểm tra lại hoặc hỏi cán bộ tại quầy."
    en = "Some details of the dossier are not valid. Please check them or ask the officer."

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid dossier: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class NewAttachment:
    data: bytes
    paper_name: str
    file_name: str
    media_type: str = "application/pdf"
    paper_code: str = ""
    digitized: bool = True
    reused_result_code: str = ""


@dataclass(frozen=True)
class SubmittedDossier:
    dossier_id: str
    code: str
    received_at: datetime


def submit_dossier(store, codes: LeasedDossierCodes, *, agency_id: str, procedure_code: str,
                   procedure_name: str, applicant: dict[str, Any], answers: dict[str, Any],
                   attachments: list[NewAttachment] = (), field_code: str = "",
                   field_name: str = "", summary: str = "", fees: list[dict] = (),
                   due_at: datetime | None = None, received_at: datetime | None = None,
                   channel: int = 1, code: str | None = None) -> SubmittedDossier:
    """Record a dossier and queue it; returns its id and its dossier code (for the receipt).

    ``code``: a dossier code already taken from ``codes`` (the kiosk prints it on the
    declaration before filing); without it the code is taken here.

    Raises ``InvalidDossier`` if the dossier would break the contract: better refused here,
    with the citizen present, than by the central later.
    """
    received_at = (received_at or datetime.now(timezone.utc)).astimezone(CENTRE_TZ)
    dossier_id = uuid.uuid4().hex
    manifests = [dict(attachment_id=uuid.uuid4().hex, paper_code=a.paper_code,
                      paper_name=a.paper_name, file_name=a.file_name, media_type=a.media_type,
                      size=len(a.data), sha256=hashlib.sha256(a.data).hexdigest(),
                      digitized=a.digitized, reused_result_code=a.reused_result_code)
                 for a in attachments]
    fields = dict(dossier_id=dossier_id, agency_id=agency_id, procedure_code=procedure_code,
                  procedure_name=procedure_name, field_code=field_code, field_name=field_name,
                  received_at=received_at.isoformat(),
                  due_at=due_at.astimezone(CENTRE_TZ).isoformat() if due_at else None,
                  channel=channel, applicant=applicant, summary=summary, answers=answers,
                  fees=list(fees), attachments=manifests)
    # validate before anything is written (the code is a placeholder of the right shape)
    try:
        DossierSubmission.model_validate_json(canonical_json(
            {**fields, "code": format_dossier_code(agency_id, received_at.date(), 1)}))
    except ValidationError as exc:
        raise InvalidDossier([f"{'.'.join(map(str, e['loc']))}: {e['type']}"
                              for e in exc.errors(include_input=False)]) from None
    refs = [store.files.put(a.data) for a in attachments]
    now = datetime.now(timezone.utc)
    with store.session() as session:
        if code is None:
            seq = codes.allocate(session, agency_id, received_at.date())
            code = format_dossier_code(agency_id, received_at.date(), seq)
        dossier = Dossier(id=dossier_id, code=code, agency_id=agency_id,
                          procedure_code=procedure_code, procedure_name=procedure_name,
                          field_code=field_code, field_name=field_name, channel=channel,
                          received_at=received_at.astimezone(timezone.utc), due_at=due_at,
                          received_at_text=fields["received_at"], due_at_text=fields["due_at"],
                          applicant=applicant, answers=answers, summary=summary,
                          fees=list(fees), status="queued", created_at=now)
        for pos, (manifest, att, ref) in enumerate(zip(manifests, attachments, refs)):
            dossier.attachments.append(DossierAttachment(
                id=manifest["attachment_id"], position=pos, paper_code=att.paper_code,
                paper_name=att.paper_name, file_name=att.file_name, media_type=att.media_type,
                size=ref.size, sha256=ref.sha256, digitized=att.digitized,
                reused_result_code=att.reused_result_code, file_id=ref.file_id))
        session.add(dossier)
        session.add(OutboxItem(kind="dossier", ref_id=dossier_id, state="pending", attempts=0,
                               next_attempt_at=now, created_at=now))
    return SubmittedDossier(dossier_id, code, received_at)


def submission_body(dossier: Dossier) -> bytes:
    """The exact bytes sent to the central; the same on every retry (the central compares)."""
    if dossier.applicant is None:
        raise ValueError("dossier already purged")
    return canonical_json({
        "dossier_id": dossier.id, "code": dossier.code, "agency_id": dossier.agency_id,
        "procedure_code": dossier.procedure_code, "procedure_name": dossier.procedure_name,
        "field_code": dossier.field_code, "field_name": dossier.field_name,
        "received_at": dossier.received_at_text, "due_at": dossier.due_at_text,
        "channel": dossier.channel, "applicant": dossier.applicant,
        "summary": dossier.summary or "", "answers": dossier.answers or {},
        "fees": dossier.fees,
        "attachments": [dict(attachment_id=a.id, paper_code=a.paper_code,
                             paper_name=a.paper_name, file_name=a.file_name,
                             media_type=a.media_type, size=a.size, sha256=a.sha256,
                             digitized=a.digitized, reused_result_code=a.reused_result_code)
                        for a in dossier.attachments],
    })
