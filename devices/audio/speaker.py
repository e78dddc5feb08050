"""The kiosk's voice: ``say`` returns at once, one background thread renders and plays.

Latest wins: a new prompt (the citizen moved on) cuts the one playing and drops any not yet
started, so the voice never lags behind the screen. Failures never reach the caller: the
first one is logged and kept in ``problem`` (shown to the technician), the kiosk stays silent.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from devices.audio.cache import PromptCache
from devices.audio.errors import SpeechUnavailable
from devices.audio.player import Player, find_player
from devices.audio.settings import VoiceSettings
from devices.audio.tones import write_tone
from devices.audio.tts import render_wav

log = logging.getLogger(__name__)

TONES = {"attention": (880.0, 180), "tick": (660.0, 90)}
RETRY_AFTER_S = 60.0  # after a failure (no sound card, no engine) try again this much later


@dataclass(frozen=True)
class _Prompt:
    text: str = ""
    lang: str = "vi"
    private: bool = False
    tone: str = ""


class Speaker:
    def __init__(self, settings: VoiceSettings, cache_dir: Path) -> None:
        self.settings = settings
        self.cache = PromptCache(cache_dir / "voice", settings)
        self.tone_dir = cache_dir / "tones"
        self.player = Player(find_player(settings.player) if settings.enabled else None)
        self.muted = False
        self.last_text = ""  # what was last asked for (the "Nghe lại" button repeats it)
        self.last_lang = "vi"
        self.problem: str | None = None if self.player.available else "no audio player"
        self._pending: list[_Prompt] = []
        self._cond = threading.Condition()
        self._generation = 0
        self._closed = False
        self._silent_until = 0.0  # a kiosk without sound spends no CPU on prompts nobody hears
        self._thread: threading.Thread | None = None

    # -- the caller's side (any thread, never blocks) ----------------------------------
    def say(self, text: str, lang: str, private: bool = False, tone: str = "") -> None:
        """Speak ``text`` (after ``tone``, if given), cutting whatever plays now.
        ``private``: may carry personal data, so never cached on disk."""
        text = " ".join(text.split())
        if not private:
            self.last_text, self.last_lang = text, lang
        prompts = [_Prompt(tone=tone)] if tone else []
        if text:
            prompts.append(_Prompt(text, lang, private))
        self._submit(prompts)

    def beep(self, tone: str = "attention") -> None:
        self._submit([_Prompt(tone=tone)])

    def replay(self) -> None:
        if self.last_text:
            self._submit([_Prompt(self.last_text, self.last_lang)])

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:
            self.stop()

    def stop(self) -> None:
        self._submit([])

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self.player.stop()

    def _submit(self, prompts: list[_Prompt]) -> None:
        if (self.muted or not self.player.available or time.monotonic() < self._silent_until) and prompts:
            return
        with self._cond:
            self._generation += 1
            self._pending = list(prompts)
            self._cond.notify_all()
            if self._thread is None and prompts:
                self._thread = threading.Thread(target=self._run, name="kiosk-voice", daemon=True)
                self._thread.start()

    # -- the voice thread -----------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                prompt = self._pending.pop(0)
                generation = self._generation
            self._play_one(prompt, generation)

    def _play_one(self, prompt: _Prompt, generation: int) -> None:
        temp: Path | None = None
        try:
            if prompt.tone:
                freq, ms = TONES[prompt.tone]
                wav = write_tone(self.tone_dir / f"{prompt.tone}-{self.settings.volume}.wav",
                                 freq, ms, self.settings.volume)
            elif prompt.private:
                fd, name = tempfile.mkstemp(suffix=".wav")
                temp = Path(name)
                with os.fdopen(fd, "wb") as f:
                    f.write(render_wav(prompt.text, prompt.lang, self.settings))
                wav = temp
            else:
                wav = self.cache.get(prompt.text, prompt.lang)
            if generation != self._generation:
                return  # the citizen moved on while it rendered
            proc = self.player.play(wav)
            while proc is not None and proc.poll() is None:
                with self._cond:
                    if generation != self._generation or self._closed:
                        self.player.stop()
                        return
                    self._cond.wait(0.05)
            if proc is not None and proc.returncode not in (0, None, -15):
                err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()[:1] if proc.stderr else []
                self._note(f"player exit {proc.returncode}: {' '.join(err)[:200]}")
        except SpeechUnavailable as exc:
            self._note(str(exc))
        except OSError as exc:
            self._note(f"{type(exc).__name__}: {exc}")
        finally:
            if temp is not None:
                temp.unlink(missing_ok=True)

    def _note(self, problem: str) -> None:
        self._silent_until = time.monotonic() + RETRY_AFTER_S
        if self.problem is None:
            log.warning("voice guidance unavailable: %s", problem)
        self.problem = problem
