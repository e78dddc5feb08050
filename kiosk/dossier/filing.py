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
from datetime import date, datetime, time, timezone
from typing import Any
from zoneinfo import ZoneInfo

from devices.printer.layouts import receipt_data, receipt_layout
from devices.printer.printer import print_once
from sync.check_code import check_code
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
    counted_from: str = ""  # dd/mm/yyyy: filed out of hours, received that working day


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


RESULT_TIME = time(16, 30)  # results are handed over from this time on the due day


def declaration_name(procedure) -> str:
    """The declaration's official name, as the procedure's list of papers gives it
    ("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)"), else the form's title in sentence case."""
    for paper in procedure.papers:
        if paper.name.vi.startswith("Tờ khai"):
            return paper.name.vi
    return procedure.form.title.vi.capitalize()


def _counted_later(received_at: datetime, counted: date) -> date | None:
    """The working day a dossier filed out of hours counts as received on (None: today)."""
    return counted if counted != received_at.astimezone(CENTRE_TZ).date() else None


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
        due = datetime.combine(declaration.expected.date, RESULT_TIME, CENTRE_TZ)
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
        later = _counted_later(submitted.received_at, declaration.expected.received_counted)
        return FiledDossier(submitted.code, submitted.dossier_id, submitted.received_at,
                            declaration.expected.date.strftime("%d/%m/%Y"), printed, error,
                            later.strftime("%d/%m/%Y") if later else "")

    def receipt_data(self, submitted, identity: dict, declaration, procedure, papers: list) -> dict:
        """Mẫu 01 of Circular 01/2018/TT-VPCP (domain notes §2), filled for a roll printer."""
        received = submitted.received_at.astimezone(CENTRE_TZ)
        lines = [f"{declaration_name(procedure)} (01 bản)"]
        lines += [f"{p.name_vi} (bản số hóa, {p.metadata.get('page_count', 1)} trang)" for p in papers]
        return receipt_data(
            agency_name=self.agency_name, place=self.place_name, dossier_code=submitted.code,
            received_at=received, due_at=datetime.combine(declaration.expected.date, RESULT_TIME),
            applicant_name=identity["full_name"], applicant_address=identity.get("residence") or "",
            applicant_phone=find_answer(declaration.answers, "phone"),
            applicant_email=find_answer(declaration.answers, "email"),
            procedure_name=procedure.name.vi, papers=lines,
            processing_days=procedure.processing.working_days,
            collect_at=f"Bộ phận tiếp nhận và trả kết quả {self.agency_name}",
            fees_vnd=sum(f.amount for f in declaration.fees),
            counted_from=_counted_later(submitted.received_at, declaration.expected.received_counted),
            check_code=check_code(submitted.dossier_id))

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
