"""Finding a dossier's status by its code: the central system knows every dossier of the
centre; this kiosk's store knows the ones filed here (also while the network is down).

Only what the receipt already shows is returned (procedure, dates, status) — no name, no
ID number: anyone holding the receipt may look, as at the counter.  Holding it means knowing
the code *and* the check code printed beside it (``sync.check_code``): the code alone is a
date and a counter anyone could guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sync.check_code import check_code_matches
from sync.credentials import load_credentials
from sync.portal import STATUS_VI, TrangThaiHoSo

CENTRE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
STATUS_EN = {
    1: "Newly registered", 2: "Accepted", 3: "Not accepted", 4: "Being processed",
    5: "More papers are needed", 6: "Fees or taxes are to be paid", 7: "Withdrawn by the citizen",
    8: "Processing stopped", 9: "Processed: the result is ready", 10: "Result handed over",
}


class LookupUnavailable(Exception):
    vi = "Chưa tra cứu được lúc này (mất kết nối). Vui lòng thử lại sau hoặc hỏi cán bộ tại quầy."
    en = "The lookup is not available right now (no connection). Please try later or ask the staff."


@dataclass(frozen=True)
class LookupResult:
    code: str
    status_vi: str
    status_en: str
    procedure_name: str = ""
    received: str = ""  # dd/mm/yyyy
    appointment: str = ""  # dd/mm/yyyy


def _day(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(CENTRE_TZ).strftime("%d/%m/%Y")


class DossierLookup:
    def __init__(self, store, sync_settings) -> None:
        self.store = store
        self.settings = sync_settings

    def find(self, code: str, check: str) -> LookupResult | None:
        """The dossier's status, or None if neither the central nor this kiosk knows a
        dossier with this code and check code.

        Raises ``LookupUnavailable`` when the central cannot be asked and this kiosk does
        not hold the dossier either: "not found" would be a wrong answer then.
        """
        local = self._local(code, check)
        central, reachable = self._central(code, check)
        if central is not None:
            status = int(central.get("status", 1))
            return LookupResult(code, STATUS_VI.get(TrangThaiHoSo(status), ""), STATUS_EN.get(status, ""),
                                local.procedure_name if local else "",
                                local.received if local else _day(_parse(central.get("received_at"))),
                                local.appointment if local else "")
        if local is not None:
            return local
        if not reachable:
            raise LookupUnavailable(f"central unreachable while looking up {code}")
        return None

    def _local(self, code: str, check: str) -> LookupResult | None:
        from sqlalchemy import select  # loads after the kiosk's home shows (issue 9)

        from sync.store.models_dossier import Dossier

        with self.store.session() as s:
            d = s.scalars(select(Dossier).where(Dossier.code == code)).first()
            if d is None or not check_code_matches(d.id, check):
                return None
            if d.acked_at is None:
                vi, en = "Đã tiếp nhận tại ki-ốt, đang gửi về hệ thống một cửa", "Received at the kiosk, being sent to the one-stop system"
            else:
                vi, en = STATUS_VI[TrangThaiHoSo.NEWLY_REGISTERED], STATUS_EN[1]
            return LookupResult(d.code, vi, en, d.procedure_name, _day(d.received_at), _day(d.due_at))

    def _central(self, code: str, check: str) -> tuple[dict | None, bool]:
        """(the central's answer or None, whether the central could be asked): only an
        authenticated "no such dossier" (a ``PermanentError``) counts as an answer."""
        if not self.settings.central_url:
            return None, False
        creds = load_credentials(self.settings.credentials_path)
        if creds is None:
            return None, False
        from sync.client import CentralClient  # requests: not on the start path
        from sync.errors import PermanentError, SyncError

        try:
            client = CentralClient(self.settings.central_url, creds.kiosk_id, creds.secret,
                                   ca_bundle=self.settings.ca_bundle or None,
                                   connect_timeout=self.settings.connect_timeout_s,
                                   read_timeout=5, allow_http=self.settings.dev_insecure_http)
        except SyncError:  # a central the kiosk must not talk to (plain http)
            return None, False
        try:
            return client.status_by_code(code, check), True
        except Exception as exc:  # a 404 means "no such dossier"; anything else: not reachable
            return None, isinstance(exc, PermanentError) and exc.status == 404
        finally:
            client.close()


def _parse(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
