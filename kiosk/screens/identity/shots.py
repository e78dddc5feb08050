"""Screenshot states of the Identify screen (``kiosk screenshot``)."""
from __future__ import annotations

from devices.idcard.identity import Identity
from devices.sim.citizen import SyntheticCitizen


def _scanning(app) -> None:
    app.dossier.identity_flow.start()


def _manual(app) -> None:
    flow = app.dossier.identity_flow
    flow.start()
    flow.manual()


def _confirm(app) -> None:
    flow = app.dossier.identity_flow
    flow.start()
    journey = flow.journey
    journey.identity = Identity.from_qr(SyntheticCitizen().qr_identity())
    journey.progress = 1.0
    journey.step = type(journey.step).CONFIRM
    flow.timer.stop()
    flow.changed.emit()


SHOTS = [("scanning", _scanning), ("manual_entry", _manual), ("confirm_qr", _confirm)]
