"""What every screen can reach: configuration, store, language, navigation, faults.

One object, built by the app at start, handed to each screen. Navigation goes through
``go``/``home`` so the shell stays the only owner of the screen stack, and
``wipe_session`` calls every registered wiper so no citizen's data outlives a session.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config

if TYPE_CHECKING:  # the store and its tables load after home shows (issue 9)
    from sync.store import Store

log = logging.getLogger(__name__)


class AppContext(QObject):
    language_changed = Signal(str)
    navigate = Signal(str)
    faults_changed = Signal()

    def __init__(self, config: Config, store: Store) -> None:
        super().__init__()
        self.config = config
        self.store = store
        self.language = config.kiosk.language
        self._wipers: list[Callable[[], None]] = []
        self.faults: list[str] = []  # devices with a fault seen since start
        self.health: dict = {}  # check name -> kiosk.diagnostics.CheckResult, the latest

    # navigation ---------------------------------------------------------------
    def go(self, screen_name: str) -> None:
        self.navigate.emit(screen_name)

    def home(self) -> None:
        self.navigate.emit("home")

    # language -----------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang != self.language:
            self.language = lang
            self.language_changed.emit(lang)

    def text(self, vi: str, en: str) -> str:
        """Pick configured bilingual data (service names …) for the current language."""
        return vi if self.language == "vi" else en

    # session ------------------------------------------------------------------
    def on_wipe(self, wiper: Callable[[], None]) -> None:
        self._wipers.append(wiper)

    def wipe_session(self) -> None:
        """Forget the current citizen: journeys reset, identity and scans dropped."""
        for wiper in self._wipers:
            try:
                wiper()
            except Exception:  # one bad wiper must not keep the others' data alive
                log.exception("session wiper failed")
        self.language = self.config.kiosk.language
        self.language_changed.emit(self.language)

    # faults -------------------------------------------------------------------
    def note_fault(self, device: str) -> None:
        """Show that ``device`` has a fault (already recorded in the store by its caller)."""
        if device not in self.faults:
            self.faults.append(device)
            self.faults_changed.emit()

    def clear_fault(self, device: str) -> None:
        """The device worked again: stop warning citizens about it."""
        if device in self.faults:
            self.faults.remove(device)
            self.faults_changed.emit()

    def set_health(self, results) -> None:
        """The latest check results (technician panel, home tiles, heartbeat): a faulty
        device is recorded once when it turns faulty, and stops warning citizens once ok."""
        for result in results:
            before = self.health.get(result.name)
            self.health[result.name] = result
            if result.faulty and (before is None or not before.faulty):
                self.record_fault(result.name, str(result.details.get("state", "check")), result.en)
            elif not result.faulty:
                self.clear_fault(result.name)
        self.faults_changed.emit()

    def record_fault(self, device: str, kind: str, detail: str) -> None:
        """Keep a device fault for the technician: on screen now, in the store for later."""
        self.note_fault(device)
        try:
            from sync.store.models import DeviceFault

            with self.store.session() as s:
                s.add(DeviceFault(at=datetime.now(timezone.utc), device=device, kind=kind,
                                  detail=detail[:500]))
        except Exception:
            log.exception("could not record device fault")
