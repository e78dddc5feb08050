"""Screenshot states of the forms screens (``kiosk screenshot``)."""
from __future__ import annotations

from devices.idcard.identity import Identity
from devices.sim.citizen import SyntheticCitizen


def _identity() -> dict:
    return Identity.from_qr(SyntheticCitizen().qr_identity()).to_dict()


def _catalog(app) -> None:
    app.dossier.forms_flow.begin(_identity())


def _procedure(app) -> None:
    flow = app.dossier.forms_flow
    flow.begin(_identity())
    flow.choose("1.004222")


def _first_page(app) -> None:
    _procedure(app)
    app.dossier.forms_flow.start()


def _errors(app) -> None:
    _first_page(app)
    flow = app.dossier.forms_flow
    while not flow.next():  # to the first page the citizen still has to fill
        pass


SHOTS = [("catalog", _catalog), ("procedure_ct01", _procedure), ("ct01_first_page", _first_page),
         ("ct01_missing_answers", _errors)]
