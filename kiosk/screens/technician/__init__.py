"""Technician mode on the screen: the corner gesture, the PIN pad, the panel, device pages.

``install`` wires it into a built kiosk; ``flow.start_readiness()`` (at launch) starts the
checks that keep the home tiles honest (a faulty printer greys out "Lấy số thứ tự" before a
citizen meets it).
"""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtWidgets import QApplication

from kiosk.diagnostics import logbuffer
from kiosk.screens.technician.device import DeviceScreen
from kiosk.screens.technician.flow import TechnicianFlow
from kiosk.screens.technician.gesture import CornerGesture
from kiosk.screens.technician.panel import PanelScreen
from kiosk.screens.technician.pin import PinScreen
from kiosk.technician import audit


def install(ctx, window) -> TechnicianFlow:
    logbuffer.install()
    # ``kiosk run`` records "app_start" once its store is open; the software page counts
    # restarts from those, and crashes as starts without an "app_exit" between them
    QApplication.instance().aboutToQuit.connect(lambda: audit.record(ctx.store, "app_exit"))
    flow = TechnicianFlow(ctx, datetime.now(timezone.utc))
    flow.env.extra["speaker"] = window.access.speaker  # its first failure shows on the voice row
    for screen in (PinScreen(ctx, flow), PanelScreen(ctx, flow), DeviceScreen(ctx, flow)):
        window.add_screen(screen)
    s = ctx.config.technician
    flow.gesture = CornerGesture(window, s.hold_ms, s.gesture_window_ms)
    flow.gesture.triggered.connect(flow.open_pin)
    window.closed.connect(flow.stop)
    QApplication.instance().installEventFilter(flow.gesture)
    window.destroyed.connect(lambda: QApplication.instance().removeEventFilter(flow.gesture))
    return flow
