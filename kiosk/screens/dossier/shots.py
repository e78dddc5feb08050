"""Screenshot states of the dossier done screen (``kiosk screenshot``)."""
from __future__ import annotations

from datetime import timezone

from kiosk.dossier.filing import FiledDossier


def _at(app, step: str, filed: FiledDossier | None = None, error: Exception | None = None) -> None:
    j = app.dossier.journey
    j.reset()
    j.identified({"full_name": "Nguyễn Thị Ánh Dương", "id_number": "079190001234"})
    j.declared(None, needs_papers=False)
    if step == "done":
        j.filed_ok(filed)
    elif step == "failed":
        j.filing_failed(error)
    app.ctx.go("dossier_done")
    app.dossier.changed.emit()


def _filed(printed: bool) -> FiledDossier:
    """Filed now on the kiosk's clock, due 7 working days later (as the header's date)."""
    from devices.printer.errors import PaperOut
    from forms.clock import centre_now
    from forms.workdays import HolidayTable
    now = centre_now()
    due = HolidayTable.load().expected_date(now.replace(tzinfo=None), 7).date
    return FiledDossier(f"000.00.00.H30-{now:%y%m%d}-0007", "0" * 32, now.astimezone(timezone.utc),
                        f"{due:%d/%m/%Y}", printed, None if printed else PaperOut("demo"))


def _store_error() -> Exception:
    from sync.store import StoreError
    return StoreError("demo")


SHOTS = [
    ("submitting", lambda app: _at(app, "submitting")),
    ("done", lambda app: _at(app, "done", _filed(True))),
    ("done_no_receipt", lambda app: _at(app, "done", _filed(False))),
    ("failed", lambda app: _at(app, "failed", error=_store_error())),
]
