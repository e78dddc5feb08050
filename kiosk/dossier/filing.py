"""Filing the dossier: one transaction in the store (with its outbox row), then the receipt.

The dossier code is taken when the declaration is finished (it is printed on the
declaration PDF), so filing reuses that code. Once the transaction commits, the dossier
is the kiosk's responsibility: a receipt that fails to print does not undo it — the
citizen is told to ask the counter, which can reprint from the dossier code.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timezone
from typing import Any
from zoneinfo import ZoneInfo

from devices.printer.layouts import receipt_layout
from devices.printer.printer import print_once
from sync.dossiers import NewAttachment, submit_dossier

log = logging.getLogger(__name__)
CENTRE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class FiledDossier:
    code: str
    dossier_id: str
    received_at: datetime
    appointment: str  # dd/mm/yyyy
    receipt_printed: bool
    receipt_error: Any = None  # an exception with vi/en when the receipt did not print


def find_answer(answers: Any, key: str) -> str:
    """The first value of field ``key`` anywhere in the (nested) answers, or ''."""
    if isinstance(answers, dict):
        if isinstance(answers.get(key), str):
            return answers[key]
        for value in answers.values():
            found = find_answer(value, key)
            if found:
                return found
    elif isinstance(answers, list):
        for value in answers:
            found = find_answer(value, key)
            if found:
                return found
    return ""


def applicant_of(identity: dict, answers: dict) -> dict:
    """ChuHoSo: who the card says the citizen is, and how to reach them (from the form)."""
    return {
        "full_name": identity["full_name"],
        "id_number": identity["id_number"],
        "phone": find_answer(answers, "phone"),
        "email": find_answer(answers, "email"),
        "address": identity.get("residence") or "",
    }


class DossierFiling:
    def __init__(self, store, codes, *, agency_id: str, agency_name: str, place_name: str,
                 catalog, open_printer: Callable[[], Any], paper_width_mm: int = 80,
                 on_filed: Callable[[], None] | None = None) -> None:
        """``on_filed``: told after each dossier is committed (wakes the sync worker)."""
        self.store = store
        self.codes = codes
        self.on_filed = on_filed
        self.agency_id = agency_id
        self.agency_name = agency_name
        self.place_name = place_name
        self.catalog = catalog
        self.open_printer = open_printer
        self.layout = receipt_layout(paper_width_mm)

    def next_code(self, procedure_code: str) -> str:
        """Take the dossier code now, to print it on the declaration (never reused)."""
        from sync.contract import format_dossier_code
        from sync.numbering_leased import centre_today
        day = centre_today()
        with self.store.session() as session:
            seq = self.codes.allocate(session, self.agency_id, day)
        return format_dossier_code(self.agency_id, day, seq)

    def file(self, identity: dict, declaration: Any, papers: list) -> FiledDossier:
        procedure = self.catalog.get(declaration.procedure_code)
        attachments = [NewAttachment(data=declaration.pdf, paper_name=f"Tờ khai: {procedure.name.vi}",
                                     file_name="to-khai.pdf", paper_code="declaration")]
        for paper in papers:
            attachments.append(NewAttachment(data=self.store.files.get(paper.file), paper_name=paper.name_vi,
                                             file_name=f"{paper.code}.pdf", paper_code=paper.code))
        due = datetime.combine(declaration.expected.date, time(16, 30), CENTRE_TZ)
        submitted = submit_dossier(
            self.store, self.codes, code=declaration.dossier_code, agency_id=self.agency_id,
            procedure_code=procedure.code, procedure_name=procedure.name.vi,
            applicant=applicant_of(identity, declaration.answers), answers=declaration.answers,
            attachments=attachments, field_code=procedure.field, summary=procedure.name.vi,
            fees=[{"name": f.label_vi, "amount_vnd": f.amount} for f in declaration.fees],
            due_at=due)
        if self.on_filed is not None:
            self.on_filed()
        for paper in papers:  # the dossier holds its own encrypted copies now
            self.store.files.delete(paper.file)
        printed, error = self._print_receipt(submitted, identity, declaration, procedure, papers)
        return FiledDossier(submitted.code, submitted.dossier_id, submitted.received_at,
                            declaration.expected.date.strftime("%d/%m/%Y"), printed, error)

    def receipt_data(self, submitted, identity: dict, declaration, procedure, papers: list) -> dict:
        """Mẫu 01 of Circular 01/2018/TT-VPCP (domain notes §2), filled for a roll printer."""
        received = submitted.received_at.astimezone(CENTRE_TZ)
        lines = [f"Tờ khai {procedure.name.vi} (01 bản)"]
        lines += [f"{p.name_vi} (bản số hóa, {p.metadata.get('page_count', 1)} trang)" for p in papers]
        days = procedure.processing.working_days
        return {
            "agency_name": self.agency_name,
            "place": self.place_name or "……",
            "date": received.strftime("%d/%m/%Y"),
            "dossier_code": submitted.code,
            "applicant_name": identity["full_name"],
            "applicant_address": identity.get("residence") or "",
            "applicant_phone": find_answer(declaration.answers, "phone"),
            "applicant_email": find_answer(declaration.answers, "email"),
            "procedure_name": procedure.name.vi,
            "papers": lines,
            "sets": "01",
            "processing_time": f"{days} ngày làm việc" if days else "trong ngày",
            "received_at": received.strftime("%H giờ %M phút, ngày %d/%m/%Y"),
            "appointment_at": declaration.expected.date.strftime("ngày %d/%m/%Y"),
            "collect_at": "Bộ phận Tiếp nhận và Trả kết quả",
            "book_no": received.strftime("%Y"),
            "book_line": submitted.code.rsplit("-", 1)[-1],
        }

    def _print_receipt(self, submitted, identity, declaration, procedure, papers) -> tuple[bool, Any]:
        data = self.receipt_data(submitted, identity, declaration, procedure, papers)
        try:
            outcome = print_once(self.open_printer, self.layout, data)
        except Exception as exc:  # the dossier is filed; only the paper receipt is missing
            log.warning("receipt for a dossier not printed: %s", type(exc).__name__)
            return False, exc
        if not outcome.ok:
            log.warning("receipt not confirmed by the printer: %s", outcome.result.value)
            return False, outcome.error
        return True, None
