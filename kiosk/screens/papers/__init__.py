"""Screens of the papers journey: checklist, live capture ("Quét giấy tờ"), review.

``install(window, ctx)`` adds the three screens and returns the ``PapersFlow`` that a
dossier journey starts with the procedure's papers::

    flow = kiosk.screens.papers.install(window, ctx)
    flow.start(papers_from_procedure(procedure), on_complete=lambda results: …,
               on_cancel=lambda: …)
"""
from __future__ import annotations


def install(window, ctx, device_factory=None):
    from kiosk.screens.papers.capture import PapersCaptureScreen
    from kiosk.screens.papers.checklist import PapersChecklistScreen
    from kiosk.screens.papers.flow import PapersFlow
    from kiosk.screens.papers.review import PapersReviewScreen

    flow = PapersFlow(ctx, device_factory)
    for screen in (PapersChecklistScreen(ctx, flow), PapersCaptureScreen(ctx, flow),
                   PapersReviewScreen(ctx, flow)):
        window.add_screen(screen)
    return flow
