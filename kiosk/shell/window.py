"""The fullscreen kiosk window: a top bar, a stack of screens, and the idle overlay.

No way out for a citizen: frameless, no close button, Escape and Alt+F4 ignored, close
requests refused (the technician leaves through technician mode, kiosk/screens/technician).
Without a window manager ``showFullScreen()`` alone leaves a small window (platform notes),
so the geometry is set to the screen's first.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from devices.audio import Speaker
from kiosk.access.bar import AccessBar
from kiosk.access.busy import BusyIndicator
from kiosk.access.controls import AccessControls
from kiosk.access.help import HelpOverlay
from kiosk.access.idle_overlay import IdleOverlay
from kiosk.access.navigator import AudioNavigator
from kiosk.screens.base import Screen
from kiosk.shell.context import AppContext
from kiosk.shell.idle import IdleWatch


class _KeyGuard(QObject):
    """Swallows the keys a citizen could use to leave or break the kiosk."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier):
                return True
        return False


class KioskWindow(QWidget):
    #: the window has closed for good (the app is ending): periodic work stops
    closed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.allow_close = False
        self.setWindowTitle("Kiosk")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, ctx.config.kiosk.fullscreen)
        self._screens: dict[str, Screen] = {}

        self.topbar = QWidget(objectName="topbar")
        self.topbar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.centre = QLabel(objectName="centreName")
        self.centre.setWordWrap(True)
        self.centre.setMinimumWidth(200)  # at most three short lines beside the controls
        self.clock = QLabel(objectName="clock")
        self.lang_button = QPushButton()
        self.lang_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lang_button.clicked.connect(self._toggle_language)
        bar = QHBoxLayout(self.topbar)
        bar.setContentsMargins(24, 6, 24, 6)
        speaker = Speaker(ctx.config.voice, ctx.config.kiosk.resolved_data_dir() / "cache") \
            if ctx.config.voice.enabled else None
        self.access = AccessControls(ctx, speaker, self)
        self.help = HelpOverlay(self, ctx)
        self.access_bar = AccessBar(self.access, self._call_staff)
        bar.addWidget(self.centre, 1)
        bar.addWidget(self.clock)
        self.busy = BusyIndicator(self.access)
        bar.addWidget(self.busy)
        bar.addWidget(self.access_bar)
        bar.addWidget(self.lang_button)

        self.stack = QStackedWidget()
        # Wrapped labels report a tall minimum (measured at a narrow width); the stack must
        # still fit a 1280×800 screen, where they lay out at their real width.
        self.stack.setMinimumSize(1, 1)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.topbar)
        root.addWidget(self.stack, 1)

        self.overlay = IdleOverlay(self)
        self.idle = IdleWatch(ctx.config.kiosk.idle_timeout_s, ctx.config.kiosk.idle_countdown_s, self)
        self.idle.answered_by = self.overlay  # its two buttons answer; a touch there is no "resume"
        self.help.close_button.clicked.connect(lambda: self.current().name != "home" and self.idle.arm())
        self.idle.ask.connect(self._ask_more_time)
        self.idle.tick.connect(self.overlay.show_seconds)
        self.idle.tick.connect(self._countdown_voice)
        self.idle.resumed.connect(self.overlay.hide)
        self.idle.expired.connect(self._session_expired)
        self.overlay.more.clicked.connect(self._more_time)
        self.overlay.end_now.connect(self._session_expired)

        self._guard = _KeyGuard(self)
        self.navigator = AudioNavigator(self, self.access)
        self._clock_timer = QTimer(self, interval=15_000)
        self._clock_timer.timeout.connect(self._update_clock)
        self._clock_timer.start()
        ctx.navigate.connect(self.show_screen)
        ctx.language_changed.connect(lambda _lang: self.retranslate())

    # screens ------------------------------------------------------------------
    def add_screen(self, screen: Screen) -> None:
        """Add ``screen``; one with the same name is replaced (a test or a pilot may swap in
        a flow with other devices)."""
        old = self._screens.get(screen.name)
        if old is not None:
            self.stack.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        self._screens[screen.name] = screen
        self.stack.addWidget(screen)
        screen.retranslate()

    def screen(self, name: str) -> Screen:
        return self._screens[name]

    def current(self) -> Screen:
        return self.stack.currentWidget()

    def show_screen(self, name: str) -> None:
        target = self._screens[name]
        current = self.stack.currentWidget()
        if current is not None and current is not target:
            current.on_leave()
        self.stack.setCurrentWidget(target)
        target.on_enter()
        self.overlay.hide()
        self.help.hide()
        self.navigator.frame.hide()
        self.navigator.current = None
        if name == "home" or getattr(target, "manages_own_timeout", False):
            self.idle.disarm()  # home has nothing to time out; technician screens have their own
        else:
            kiosk = self.ctx.config.kiosk
            self.idle.arm(kiosk.idle_timeout_long_s if target.patient else kiosk.idle_timeout_s)
        self.access_bar.setVisible(target.for_citizens)
        if not target.for_citizens and (self.access.large or self.access.contrast):
            self.access.reset()  # a citizen's larger text ends where the technician's work starts
        elif self.access.large or self.access.contrast:
            self.access.apply_style()  # the screen may have set sheets of its own since
        QTimer.singleShot(0, self.access.announce)  # once on_enter's texts are in place

    def retranslate(self) -> None:
        self.centre.setText(self.ctx.text(self.ctx.config.kiosk.centre_name_vi,
                                          self.ctx.config.kiosk.centre_name_en))
        # The toggle names the *other* language, in that language.
        self.lang_button.setText("English" if self.ctx.language == "vi" else "Tiếng Việt")
        self.overlay.retranslate()
        self.help.retranslate()
        self.access_bar.retranslate()
        self._update_clock()
        for screen in self._screens.values():
            screen.retranslate()

    # idle ---------------------------------------------------------------------
    def _ask_more_time(self) -> None:
        self.overlay.setGeometry(self.rect())
        self.overlay.show()
        self.overlay.raise_()

    def _countdown_voice(self, left: int) -> None:
        """A beep and the voice when the question appears and at 10 s; a tick for the last 5."""
        if left == self.idle.countdown_s or left == 10:
            self.access.say(f"{self.overlay.question.text()} {self.overlay.seconds.text()}",
                            tone="attention")
        elif left <= 5 and self.access.speaker is not None and not self.access.muted:
            self.access.speaker.beep("tick")

    def _call_staff(self) -> None:
        """No countdown while the citizen waits for the staff member they called."""
        self.idle.disarm()
        self.overlay.hide()
        self.help.call_staff(self.current().name)

    def _more_time(self) -> None:
        """The citizen's answers stay exactly as they were: only the overlay goes."""
        self.overlay.hide()
        self.idle.arm()
        self.access.announce()

    def _session_expired(self) -> None:
        self.overlay.hide()
        self.help.hide()
        self.ctx.wipe_session()
        self.ctx.home()

    # window -------------------------------------------------------------------
    def _toggle_language(self) -> None:
        self.ctx.set_language("en" if self.ctx.language == "vi" else "vi")

    def _update_clock(self) -> None:
        now = datetime.now(ZoneInfo(self.ctx.config.queue.timezone))
        # the date gives way to the help controls on a narrow (1280 px) screen, and the
        # centre's name takes a smaller type there
        wide = self.width() >= 1600
        self.clock.setText(now.strftime("%H:%M  %d/%m/%Y" if wide else "%H:%M"))
        if self.centre.property("narrow") != (not wide):
            self.centre.setProperty("narrow", not wide)
            self.centre.style().unpolish(self.centre)
            self.centre.style().polish(self.centre)

    def install_guards(self) -> None:
        app = QApplication.instance()
        # the last installed filter sees an event first: the idle watch must see every key,
        # even one the audio navigator then consumes
        app.installEventFilter(self.navigator)
        app.installEventFilter(self._guard)
        app.installEventFilter(self.idle)

    def show_kiosk(self) -> None:
        if self.ctx.config.kiosk.fullscreen:
            screen = QGuiApplication.primaryScreen()
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 800)
            self.show()
        if self.ctx.config.kiosk.hide_cursor:
            self.setCursor(Qt.CursorShape.BlankCursor)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())
        self.help.setGeometry(self.rect())
        self._update_clock()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        event.accept()  # nothing a citizen types at window level does anything

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.allow_close:
            event.accept()
            for timer in self.findChildren(QTimer):  # the clock, the idle and voice watches
                timer.stop()
            self.closed.emit()
        else:
            event.ignore()
