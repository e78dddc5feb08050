"""Screenshot states of the rating screens (``kiosk screenshot``)."""
from __future__ import annotations


def _reasons(app) -> None:
    flow = app.window.screen("rating").flow
    flow.start()
    flow.choose_level("unsatisfied")
    flow.toggle_reason("waiting")


def _thanks(app) -> None:
    flow = app.window.screen("rating").flow
    flow.start()
    flow.choose_level("very_satisfied")
    flow.home_timer.stop()


SHOTS = [("levels", lambda app: app.window.screen("rating").flow.start()),
         ("reasons", _reasons), ("thanks", _thanks)]
