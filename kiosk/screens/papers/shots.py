"""Screenshot states of the papers screens (``kiosk screenshot``)."""
from __future__ import annotations

from kiosk.journeys.papers import papers_from_procedure


def _checklist(app) -> None:
    flow = app.dossier
    procedure = flow.filing.catalog.get("1.004222")
    flow.papers_flow.start(papers_from_procedure(procedure), title_prefix=procedure.name.vi)


def _capture(app) -> None:
    """The camera's live view of a page (never captured on its own here: the shot is the view)."""
    from devices.scanner.capture import SimulatedCamera
    from devices.sim.samples import sample_page
    _checklist(app)
    flow = app.dossier.papers_flow
    flow.device_factory = lambda: SimulatedCamera([sample_page("cam_angle.jpg")], settle_frames=10 ** 6)
    flow.open_item(0)
    _wait(lambda: flow.last_frame is not None, 30.0)


def _review(app) -> None:
    """One page taken (prepared as the capture does) and shown for review."""
    import cv2

    from devices.sim.samples import sample_page
    from kiosk.journeys.papers import PapersJourney
    _capture(app)
    flow = app.dossier.papers_flow
    still = cv2.imread(str(sample_page("cam_straight.jpg")))
    flow._captured(PapersJourney.prepare_still(still, "camera", 300.0, flow.settings))


def _wait(condition, seconds: float = 10.0) -> None:
    """Let the device pool deliver (bounded: a shot never hangs the command)."""
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


SHOTS = [("checklist_ct01", _checklist), ("capture", _capture), ("review", _review)]
