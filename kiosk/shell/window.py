"""The fullscreen kiosk window: a top bar, a stack of screens, and the idle overlay.

No way out for a citizen: frameless, no close button, Escape and Alt+F4 ignored, close
requests refused unless the app itself allows it (the technician's exit is a later step).
Without a window manager ``showFullScreen()`` alone leaves a small window (platform notes),
so the geometry is set to the screen's first.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.screens.base import Screen, big_button, label
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


class IdleOverlay(QWidget):
    """ "Bạn còn cần thêm thời gian?" with a countdown and one big button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QFrame(self)
        card.setObjectName("idleCard")
        self.question = label(role="title")
        self.seconds = label(role="number")
        self.more = big_button(role="primary")
        self.more.setMinimumHeight(110)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(48, 40, 48, 40)
        lay.setSpacing(24)
        for w in (self.question, self.seconds, self.more):
            lay.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Do you need more time?"))
        self.more.setText(self.tr("Yes, I need more time"))

    def show_seconds(self, left: int) -> None:
        self.seconds.setText(str(left))


class KioskWindow(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.allow_close = False
        self.setWindowTitle("Kiosk")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, ctx.config.kiosk.fullscreen)
        self._screens: dict[str, Screen] = {}

        self.topbar = QWidget(objectName="topbar")
        self.topbar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.centre = QLabel()
        self.clock = QLabel()
        self.lang_button = QPushButton()
        self.lang_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lang_button.clicked.connect(self._toggle_language)
        bar = QHBoxLayout(self.topbar)
        bar.setContentsMargins(24, 8, 24, 8)
        bar.addWidget(self.centre, 1)
        bar.addWidget(self.clock)
        bar.addSpacing(24)
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
        self.idle.ask.connect(self._ask_more_time)
        self.idle.tick.connect(self.overlay.show_seconds)
        self.idle.resumed.connect(self.overlay.hide)
        self.idle.expired.connect(self._session_expired)
        self.overlay.more.clicked.connect(self.overlay.hide)

        self._guard = _KeyGuard(self)
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
        if name == "home":
            self.idle.disarm()
        else:
            self.idle.arm()

    def retranslate(self) -> None:
        self.centre.setText(self.ctx.text(self.ctx.config.kiosk.centre_name_vi,
                                          self.ctx.config.kiosk.centre_name_en))
        # The toggle names the *other* language, in that language.
        self.lang_button.setText("English" if self.ctx.language == "vi" else "Tiếng Việt")
        self.overlay.retranslate()
        self._update_clock()
        for screen in self._screens.values():
            screen.retranslate()

    # idle ---------------------------------------------------------------------
    def _ask_more_time(self) -> None:
        self.overlay.setGeometry(self.rect())
        self.overlay.show()
        self.overlay.raise_()

    def _session_expired(self) -> None:
        self.overlay.hide()
        self.ctx.wipe_session()
        self.ctx.home()

    # window -------------------------------------------------------------------
    def _toggle_language(self) -> None:
        self.ctx.set_language("en" if self.ctx.language == "vi" else "vi")

    def _update_clock(self) -> None:
        now = datetime.now(ZoneInfo(self.ctx.config.queue.timezone))
        self.clock.setText(now.strftime("%H:%M  %d/%m/%Y"))

    def install_guards(self) -> None:
        app = QApplication.instance()
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

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        event.accept()  # nothing a citizen types at window level does anything

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
