"""The Identify screen: QR from the tray camera, then the chip, then confirmation.

``install(window, ctx)`` adds the screen (name ``"identify"``) and returns the
:class:`~kiosk.screens.identity.flow.IdentifyFlow` a dossier journey starts::

    flow = kiosk.screens.identity.install(window, ctx)
    flow.identified.connect(lambda identity: …)   # a devices.idcard.identity.Identity
    flow.cancelled.connect(lambda: …)
    flow.start()

The identity lives for the session only: the flow registers a session wiper.
"""
from __future__ import annotations


def install(window, ctx, source_factory=None, reader_name=None):
    from kiosk.screens.identity.flow import IdentifyFlow
    from kiosk.screens.identity.screen import IdentifyScreen

    flow = IdentifyFlow(ctx, source_factory=source_factory, reader_name=reader_name)
    window.add_screen(IdentifyScreen(ctx, flow))
    return flow
