"""Screenshot states of the shared help controls (``kiosk screenshot``, and so the
accessibility check): larger text, high contrast, the audio-mode focus, the help answer."""
from __future__ import annotations


def _large(app) -> None:
    app.ctx.go("take_number")
    app.window.access.toggle_large()


def _contrast(app) -> None:
    from kiosk.screens.forms.shots import _first_page
    _first_page(app)
    app.window.access.toggle_contrast()


def _audio_focus(app) -> None:
    app.ctx.home()
    nav = app.window.navigator
    app.window.access.audio_mode = True
    nav.focus(next(w for w in nav.targets() if w.objectName() == "tile_submit_dossier"))


def _help(app) -> None:
    app.ctx.go("take_number")
    help_overlay = app.window.help
    help_overlay.state = "called"  # as after the slip printed (no print for a screenshot)
    help_overlay.retranslate()
    help_overlay.setGeometry(app.window.rect())
    help_overlay.show()
    help_overlay.raise_()


SHOTS = [("access_large_text", _large), ("access_high_contrast", _contrast),
         ("access_audio_focus", _audio_focus), ("access_help_called", _help)]
