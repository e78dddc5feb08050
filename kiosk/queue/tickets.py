"""Issuing a queue ticket: take a number, print it, and record what the printer did.

The number is taken and the ticket recorded (status ``allocated``) in one transaction
*before* printing, so a crash during printing can never hand the same number out again.
The print outcome is then stored with the ticket: ``issued`` if the printer took it,
``print_failed`` otherwise. A failed ticket is not issued and not counted in the queue;
the citizen is told what to do, and the fault is recorded for the technician.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from devices.printer.layouts import ticket_data, ticket_qr_payload
from forms.hours import OpeningHours
from forms.workdays import HolidayTable
from kiosk.config import QueueSection
from kiosk.queue.estimate import Arrival, estimate
from sync.numbering import LocalDailyCounter, TicketNumberSource, local_day

if TYPE_CHECKING:  # SQLAlchemy and the tables load after home shows (issue 9)
    from sync.store import Store

log = logging.getLogger(__name__)


class PrinterLike(Protocol):
    def print_layout(self, layout: Any, data: dict) -> Any: ...
    def close(self) -> None: ...


class TicketNotPrinted(Exception):
    """The ticket could not be printed, so it was not issued. ``vi``/``en`` for the screen."""

    def __init__(self, detail: str, vi: str | None = None, en: str | None = None,
                 needs_staff: bool = False) -> None:
        super().__init__(detail)
        self.needs_staff = needs_staff  # as the printer's fault says (PaperOut, CoverOpen)
        self.vi = vi or "Không in được phiếu. Vui lòng thử lại hoặc báo cán bộ tại quầy."
        self.en = en or "The ticket could not be printed. Please try again or ask the staff."

    @classmethod
    def from_fault(cls, detail: str, fault: BaseException | None) -> TicketNotPrinted:
        """With the printer fault's own words and whether only a person can mend it."""
        return cls(detail, getattr(fault, "vi", None), getattr(fault, "en", None),
                   getattr(fault, "needs_staff", False))


@dataclass(frozen=True)
class IssuedTicket:
    ticket_id: int
    number: str
    service_code: str
    priority_code: str | None
    issued_at: datetime
    waiting_ahead: int
    wait_minutes: int
    qr_payload: str
    opens_at: datetime | None = None  # counters closed when issued: they open then (local time)


def format_number(prefix: str, seq: int) -> str:
    """``B`` and 12 → ``B012``; more than 999 in a day keeps all digits (``B1000``)."""
    return f"{prefix}{seq:03d}"


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class TicketService:
    def __init__(self, store: Store, queue: QueueSection, kiosk_id: str,
                 centre_name: str, open_printer: Callable[[], PrinterLike],
                 layout: Any, numbering: TicketNumberSource | None = None,
                 clock: Callable[[], datetime] = _utcnow, hours: OpeningHours | None = None) -> None:
        """``hours``: when the counters serve (default: the configured periods on the
        shipped holiday table)."""
        self.store = store
        self.hours = hours or OpeningHours.parse(queue.opening_hours, HolidayTable.load())
        self.queue = queue
        self.kiosk_id = kiosk_id
        self.centre_name = centre_name
        self.open_printer = open_printer
        self.layout = layout
        self.numbering = numbering or LocalDailyCounter()
        self.clock = clock

    def issue(self, service_code: str, priority_code: str | None) -> IssuedTicket:
        """Take, print and record a ticket; raises ``TicketNotPrinted`` if printing failed."""
        service = self.queue.service(service_code)
        priority = self.queue.priority(priority_code)
        now = self.clock()
        day = local_day(now, self.queue.timezone)
        from sqlalchemy import select

        from sync.store.models import Ticket

        with self.store.session() as s:
            seq = self.numbering.allocate(s, service.code, day)
            today = s.scalars(select(Ticket).where(
                Ticket.day == day.isoformat(), Ticket.service_code == service.code,
                Ticket.status == "issued")).all()
            est = estimate([Arrival(_aware(t.issued_at), t.priority is not None,
                                    t.served_at and _aware(t.served_at)) for t in today],
                           now, priority is not None, service.counters, service.avg_service_min)
            number = format_number(service.prefix, seq)
            ticket = Ticket(kiosk_id=self.kiosk_id, service_code=service.code, day=day.isoformat(),
                            seq=seq, number=number, priority=priority.code if priority else None,
                            issued_at=now, status="allocated", waiting_ahead=est.waiting_ahead,
                            estimated_wait_min=est.wait_minutes)
            s.add(ticket)
        local = now.astimezone(ZoneInfo(self.queue.timezone))
        opens_at = None if self.hours.is_open(local) else self.hours.next_opening(local)
        issued = IssuedTicket(ticket.id, number, service.code, ticket.priority, now,
                              est.waiting_ahead, est.wait_minutes,
                              ticket_qr_payload(day, number, self.kiosk_id), opens_at)
        self._print_and_record(issued)
        return issued

    def ticket_data(self, t: IssuedTicket) -> dict:
        """The fields the ticket layout is filled from (Vietnamese on paper, always)."""
        service = self.queue.service(t.service_code)
        priority = self.queue.priority(t.priority_code)
        return ticket_data(
            centre_name=self.centre_name, number=t.number, service_name=service.name_vi,
            counter_group=service.counter_group,
            issued_at=t.issued_at.astimezone(ZoneInfo(self.queue.timezone)),
            waiting_ahead=t.waiting_ahead, estimated_wait_min=t.wait_minutes,
            kiosk_id=self.kiosk_id, priority_category=priority.name_vi if priority else "",
            opens_at=t.opens_at)

    def _print_and_record(self, t: IssuedTicket) -> None:
        started = time.perf_counter()
        outcome: dict[str, Any]
        error: Exception | None = None
        try:
            from devices.printer.printer import print_once  # the driver loads after home shows

            result = print_once(self.open_printer, self.layout, self.ticket_data(t))
            outcome = _outcome_dict(result)
            if not outcome.get("ok", False):
                cause = getattr(result, "error", None)
                error = TicketNotPrinted.from_fault(
                    outcome.get("error_detail") or "printer did not confirm the job", cause)
        except Exception as exc:  # a driver error of any kind means: not printed
            error = exc if hasattr(exc, "vi") else TicketNotPrinted(f"{type(exc).__name__}: {exc}")
            outcome = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        outcome["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
        from sync.store.models import DeviceFault, Ticket

        with self.store.session() as s:
            row = s.get(Ticket, t.ticket_id)
            row.status = "issued" if error is None else "print_failed"
            row.print_outcome = outcome
            if error is not None:
                s.add(DeviceFault(at=self.clock(), device="printer", kind="print_failed",
                                  detail=str(outcome.get("error", ""))[:500]))
        if error is not None:
            log.warning("ticket %s not printed: %s", t.number, outcome.get("error"))
            if isinstance(error, TicketNotPrinted):
                raise error
            raise TicketNotPrinted.from_fault(str(error), error) from error


def _aware(moment: datetime) -> datetime:
    """SQLite drops the zone of stored datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _outcome_dict(result: Any) -> dict[str, Any]:
    """Turn the driver's outcome object into plain JSON for the ticket row."""
    if isinstance(result, dict):
        return dict(result)
    to_dict = getattr(result, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return {"ok": bool(getattr(result, "ok", False)), "error": getattr(result, "error", None)}
