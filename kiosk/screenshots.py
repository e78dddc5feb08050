"""``kiosk screenshot``: every screen, in Vietnamese and English, rendered offscreen to PNG.

For review (look at each as a 70-year-old would) and for the README. Screens are shown in
the states a citizen meets, fed by the real services: the ticket is printed on the bundled
printer emulator. Other areas add their screens with a module
``kiosk/screens/<area>/shots.py`` exposing ``SHOTS``: a list of ``(name, prepare)`` where
``prepare(app)`` puts the app in the state to render.
"""
from __future__ import annotations

import importlib
import pkgutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QThreadPool

import kiosk.screens as screens_pkg
from kiosk.access.shots import SHOTS as ACCESS_SHOTS
from kiosk.app import KioskApp, build
from kiosk.launch import demo_config

Shot = tuple[str, Callable[[KioskApp], None]]


def _settle(app: KioskApp) -> None:
    for _ in range(5):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _ticket(app: KioskApp, service: str, priority: str | None) -> None:
    flow = app.queue
    flow.journey.reset()
    flow.journey.choose_service(service)
    flow.journey.choose_priority(priority)
    flow.journey.printed(app.queue.tickets.issue(service, priority))
    app.ctx.go("queue_ticket")


def _failed(app: KioskApp) -> None:
    from devices.printer.errors import PaperOut
    flow = app.queue
    flow.journey.reset()
    flow.journey.choose_service("CUTRU")
    flow.journey.choose_priority(None)
    flow.journey.print_failed(PaperOut("demo"))
    app.ctx.go("queue_ticket")


def _printing(app: KioskApp) -> None:
    flow = app.queue
    flow.journey.reset()
    flow.journey.choose_service("HOTICH")
    flow.journey.choose_priority(None)
    app.ctx.go("queue_ticket")


def _idle(app: KioskApp) -> None:
    app.ctx.go("take_number")
    app.window._ask_more_time()
    app.window.overlay.show_seconds(12)


def _printer_fault(app: KioskApp) -> None:
    app.ctx.note_fault("printer")
    app.ctx.home()


QUEUE_SHOTS: list[Shot] = [
    ("home", lambda app: app.ctx.home()),
    ("queue_service", lambda app: app.ctx.go("take_number")),
    ("queue_priority", lambda app: (app.queue.journey.reset(), app.queue.journey.choose_service("CUTRU"),
                                    app.ctx.go("queue_priority"))),
    ("queue_printing", _printing),
    ("queue_ticket", lambda app: _ticket(app, "CUTRU", None)),
    ("queue_ticket_priority", lambda app: _ticket(app, "HOTICH", "elderly")),
    ("queue_print_failed", _failed),
    ("idle_countdown", _idle),
    ("home_printer_fault", _printer_fault),
]


def area_shots() -> list[Shot]:
    shots: list[Shot] = []
    for info in pkgutil.iter_modules(screens_pkg.__path__):
        if info.ispkg:
            try:
                module = importlib.import_module(f"kiosk.screens.{info.name}.shots")
            except ModuleNotFoundError:
                continue
            shots += [(f"{info.name}_{name}", fn) for name, fn in module.SHOTS]
    return shots


def all_states(only: tuple[str, ...] = ()) -> list[Shot]:
    """Every state, or those whose name starts with one of ``only`` ("technician", "home")."""
    shots = QUEUE_SHOTS + ACCESS_SHOTS + area_shots()
    return [shot for shot in shots if not only or shot[0].startswith(only)]


def visit_states(app: KioskApp, langs: tuple[str, ...] = ("vi", "en"), only: tuple[str, ...] = ()):
    """Put ``app`` in each screenshot state in turn, yielding ``(lang, name)`` once it is
    drawn (the screenshots and the accessibility check walk the same states)."""
    states = all_states(only)
    for lang in langs:
        for name, prepare in states:
            app.ctx.wipe_session()
            app.ctx.faults.clear()
            app.ctx.health.clear()  # a technician shot's fault must not grey later homes
            app.ctx.set_language(lang)
            prepare(app)
            _settle(app)
            yield lang, name


def render_all(out: Path, size: tuple[int, int] = (1920, 1080), only: tuple[str, ...] = ()) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        app = build(demo_config(Path(tmp)))
        app.window.resize(*size)
        app.window.show()
        for lang, name in visit_states(app, only=only):
            path = out / f"{lang}_{name}.png"
            app.window.grab().save(str(path))
            written.append(path)
        app.window.overlay.hide()
        app.ctx.wipe_session()
        QThreadPool.globalInstance().waitForDone(10_000)  # cameras closing, files deleted
        app.ctx.store.close()
    return written
