"""Screenshot states of technician mode (``kiosk screenshot``): the PIN pad, the panel with a
fault (the demo printer out of paper), each device page, and the home screen's greyed tile.

States are set synchronously (checks run here, bounded) so each picture shows results, not
"checking…".
"""
from __future__ import annotations

from kiosk.diagnostics import run_checks


def _printer_mode(mode: str) -> None:
    from devices.printer.emulator import shared_emulator

    shared_emulator().set_mode(mode)


def _checked(app, mode: str = "normal", only=None) -> None:
    flow = app.technician
    _printer_mode(mode)
    results = run_checks(flow.env, only, flow.settings.check_timeout_s)
    _printer_mode("normal")
    flow.results.update({r.name: r for r in results})
    app.ctx.set_health(results)


def _pin(app, wrong: bool = False) -> None:
    from kiosk.technician.gate import GateAnswer
    from kiosk.technician.pin import hash_pin

    settings = app.ctx.config.technician
    settings.pin_hash = settings.pin_hash or hash_pin("2468")  # the demo has none: a pad that takes one
    app.ctx.go("tech_pin")
    screen = app.window.screen("tech_pin")
    if wrong:
        for key in "1111":
            screen.press(key)
        screen._show(GateAnswer(False, settings.max_attempts - 1, 0))


def _panel(app) -> None:
    _checked(app, "paper_out")
    app.ctx.go("tech_panel")
    app.window.screen("tech_panel").retranslate()


def _device(name: str):
    def prepare(app) -> None:
        _checked(app, "near_end" if name == "printer" else "normal", None if name == "log" else [name])
        app.technician.device = name
        app.ctx.go("tech_device")
        screen = app.window.screen("tech_device")
        screen.cancel.cancel()  # the page's own check would replace the state set above
        screen._live.stop()
        if name in ("qr_camera", "scanner"):
            from kiosk.screens.technician import device_pages

            source = device_pages.open_live(name, app.technician.env)
            try:
                screen.show_frame(device_pages.live_frame(name, source))
            finally:
                source.close()
    return prepare


def _home_tile_unavailable(app) -> None:
    _checked(app, "paper_out", ["printer"])
    app.ctx.home()


SHOTS = [("pin", _pin), ("pin_wrong", lambda app: _pin(app, wrong=True)), ("panel_fault", _panel),
         *((f"device_{n}", _device(n)) for n in ("printer", "qr_camera", "scanner", "card_reader",
                                                   "voice", "central", "store", "software", "log")),
         ("home_printer_paper_out", _home_tile_unavailable)]
