"""Per-session accessibility: the voice, larger text, high contrast, audio (blind) mode.

One object for the window: it speaks each screen's title and instruction when the screen
shows (and again when they change: "printing…" becoming "your number is…"), repeats them on
"Nghe lại", mutes, and restyles the whole window for "A+" and "Tương phản". Everything
returns to the defaults when the session is wiped, so the next citizen starts plain.
The speaking itself is the Qt-free ``devices.audio.Speaker`` (its own thread: never blocks).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from devices.audio import Speaker
from devices.audio.headset import HeadsetProbe
from kiosk.access.theme import transform

SPOKEN_ROLES = ("title", "subtitle", "number", "code", "hint", "error", "body")
_BASE = "_access_base_qss"


def spoken_text(root: QWidget) -> str:
    """The visible title, instruction and message labels of ``root``, top to bottom."""
    found = []
    for lab in root.findChildren(QLabel):
        if lab.property("role") in SPOKEN_ROLES and lab.property("speak") is not False \
                and lab.isVisibleTo(root) and lab.text().strip():
            pos = lab.mapTo(root, lab.rect().topLeft())
            found.append((pos.y(), pos.x(), lab.text()))
    parts = []
    for _, _, text in sorted(found):
        text = " ".join(text.split())
        if text not in parts:
            parts.append(text)
    return ". ".join(p.rstrip(".") for p in parts)


class AccessControls(QObject):
    changed = Signal()
    headset_in = Signal()

    def __init__(self, ctx, speaker: Speaker | None, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.speaker = speaker
        self.window = window
        self.large = False
        self.contrast = False
        self.audio_mode = bool(speaker and speaker.settings.audio_mode_at_start)
        self._spoken = ""
        self.said_at = 0.0  # monotonic time of the last prompt (the busy voice waits its turn)
        self._styled: set[QWidget] = set()  # roots restyled for this session
        self._watch = QTimer(self, interval=400)
        self._watch.timeout.connect(self._speak_if_changed)
        self._watch.start()
        # a headset plugged in (jack or USB) starts audio mode, as a key press does
        self.headset = HeadsetProbe() if speaker is not None else None
        self._headset_was = False
        self._headset_watch = QTimer(self, interval=2000)
        self._headset_watch.timeout.connect(self.check_headset)
        if self.headset is not None:
            self._headset_watch.start()
        ctx.on_wipe(self.reset)

    def check_headset(self) -> None:
        """``headset_in`` when a headset has just been plugged in (not while it stays in: a
        headset left hanging on the kiosk does not put every citizen in audio mode)."""
        plugged = self.headset is not None and self.headset.plugged()
        if plugged and not self._headset_was:
            self.headset_in.emit()
        self._headset_was = plugged

    # -- voice -------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return self.speaker is None or self.speaker.muted

    def say(self, text: str, private: bool = False, tone: str = "") -> None:
        if self.speaker is not None and (text or tone):
            self.said_at = time.monotonic()
            self.speaker.say(text, self.ctx.language, private=private, tone=tone)

    def current_text(self) -> str:
        overlay = next((w for w in self.window.findChildren(QWidget, "idleOverlay") if w.isVisible()), None) \
            or next((w for w in self.window.findChildren(QWidget, "helpOverlay") if w.isVisible()), None)
        return spoken_text(overlay or self.window.current())

    def announce(self) -> None:
        """Speak the current screen now (it was entered, or the language changed)."""
        self._spoken = self.current_text()
        self.say(self._spoken)

    def replay(self) -> None:
        """ "Nghe lại": always audible, even after "Tắt tiếng"."""
        if self.speaker is not None and self.speaker.muted:
            self.speaker.set_muted(False)
            self.changed.emit()
        self.announce()

    def toggle_mute(self) -> None:
        if self.speaker is not None:
            self.speaker.set_muted(not self.speaker.muted)
            self.changed.emit()

    def _speak_if_changed(self) -> None:
        if (self.large or self.contrast) and self.window.isVisible():
            self.apply_style(quiet=True)  # a screen may have set a sheet since (a retaken page)
        if self.muted or not self.window.isVisible():
            return
        text = self.current_text()
        if text and text != self._spoken:
            self._spoken = text
            self.say(text)

    # -- look --------------------------------------------------------------------------
    def toggle_large(self) -> None:
        self.large = not self.large
        self.apply_style()

    def toggle_contrast(self) -> None:
        self.contrast = not self.contrast
        self.apply_style()

    def apply_style(self, quiet: bool = False) -> None:
        """Restyle what is on screen: the top bar, the overlays and the current screen.

        Re-polishing all ~500 widgets of every screen (``QApplication.setStyleSheet``) took
        ~3 s here; each of these roots gets the transformed theme as its own sheet instead,
        and a screen shown later is restyled as it shows (``KioskWindow.show_screen``).
        Each widget keeps its original sheet in a property, so transforms never compound.
        """
        on = self.large or self.contrast
        theme = QApplication.instance().styleSheet()
        w = self.window
        roots = [w.topbar, w.overlay, w.help, w.current()]
        self._styled.update(roots)
        for target in self._styled:
            own = self._original(target)
            for child in target.findChildren(QWidget):
                if child.styleSheet() or child.property(_BASE) is not None:
                    self._restyle(child, transform(self._original(child), self.large, self.contrast)
                                  if on else self._original(child))
            # a plain QWidget paints a sheet's background only when asked to
            target.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            self._restyle(target, transform(theme + "\n" + own, self.large, self.contrast) if on else own)
        if not on:
            self._styled.clear()
        if not quiet:
            self.changed.emit()

    @staticmethod
    def _original(widget: QWidget) -> str:
        base = widget.property(_BASE)
        if base is None or widget.styleSheet() != widget.property("_access_last"):
            base = widget.styleSheet()  # first time, or the screen set a new sheet since
            widget.setProperty(_BASE, base)
        return base

    @staticmethod
    def _restyle(widget: QWidget, sheet: str) -> None:
        widget.setProperty("_access_last", sheet)
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)

    def reset(self) -> None:
        """A new citizen: default look, sound on, audio mode as configured."""
        restyle = self.large or self.contrast
        self.large = self.contrast = False
        self.audio_mode = bool(self.speaker and self.speaker.settings.audio_mode_at_start)
        if self.speaker is not None:
            self.speaker.set_muted(False)
        if restyle:
            self.apply_style()
        self.changed.emit()
