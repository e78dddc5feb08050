"""Screenshot states of the lookup screens (``kiosk screenshot``)."""
from __future__ import annotations

from kiosk.dossier.lookup import LookupResult


def _typed(app, digits: str):
    flow = app.window.screen("lookup").flow
    flow.start()
    for d in digits:
        flow.type_digit(d)
    return flow


def _found(app) -> None:
    flow = _typed(app, "2611280007")
    flow.journey.search()
    flow.journey.found(LookupResult("000.00.00.H30-261128-0007", "Đang xử lý", "Being processed",
                                    "Đăng ký thường trú", "28/11/2026", "09/12/2026"))
    app.ctx.go("lookup_result")
    flow.changed.emit()


def _not_found(app) -> None:
    flow = _typed(app, "2611289999")
    flow.journey.search()
    flow.journey.found(None)
    app.ctx.go("lookup_result")
    flow.changed.emit()


SHOTS = [("typing", lambda app: _typed(app, "261128")), ("found", _found), ("not_found", _not_found)]
