"""Screenshot states of the papers screens (``kiosk screenshot``)."""
from __future__ import annotations

from kiosk.journeys.papers import papers_from_procedure


def _checklist(app) -> None:
    flow = app.dossier
    procedure = flow.filing.catalog.get("1.004222")
    flow.papers_flow.start(papers_from_procedure(procedure), title_prefix=procedure.name.vi)


SHOTS = [("checklist_ct01", _checklist)]
