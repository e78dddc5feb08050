"""Screenshot states of the lookup screens (``kiosk screenshot``): a dossier received a week
before the header's date, due 7 working days after it, as the kiosk's clock counts them."""
from __future__ import annotations

from datetime import timedelta

from kiosk.dossier.lookup import LookupResult

CHECK = "123456"  # a check code as printed beside the dossier code (digits only matter here)


def _received():
    from forms.clock import centre_now
    from forms.workdays import HolidayTable
    received = centre_now() - timedelta(days=7)
    due = HolidayTable.load().expected_date(received.replace(tzinfo=None), 7).date
    return received, due


def _typed(app, digits: str):
    flow = app.window.screen("lookup").flow
    flow.start()
    for d in digits:
        flow.type_digit(d)
    return flow


def _found(app) -> None:
    received, due = _received()
    flow = _typed(app, f"{received:%y%m%d}0007{CHECK}")
    flow.journey.search()
    flow.journey.found(LookupResult(f"000.00.00.H30-{received:%y%m%d}-0007", "Đang xử lý", "Being processed",
                                    "Đăng ký thường trú", f"{received:%d/%m/%Y}", f"{due:%d/%m/%Y}"))
    app.ctx.go("lookup_result")
    flow.changed.emit()


def _not_found(app) -> None:
    received, _ = _received()
    flow = _typed(app, f"{received:%y%m%d}9999{CHECK}")
    flow.journey.search()
    flow.journey.found(None)
    app.ctx.go("lookup_result")
    flow.changed.emit()


def _not_a_receipt(app) -> None:
    """A QR that is not a receipt of this office was held under the camera."""
    flow = _typed(app, "2611")
    flow.on_qr("TICKET|20261204|B001|kiosk-01")


SHOTS = [("typing", lambda app: _typed(app, "261128")), ("found", _found), ("not_found", _not_found),
         ("qr_not_a_receipt", _not_a_receipt)]
