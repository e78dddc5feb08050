"""Rendered prompts kept as WAV files, keyed by text, language, voice, rate and loudness.

The same screen titles are spoken hundreds of times a day; espeak-ng takes ~0.1-0.5 s per
sentence, a cached file plays at once. Only fixed texts go here (titles, instructions,
button names): anything that may carry personal data (a name read back in audio mode) is
rendered to a temporary file and deleted after playing (``Speaker.say(..., private=True)``).
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from devices.audio.settings import VoiceSettings
from devices.audio.tts import amplitude, render_wav, voice_for


class PromptCache:
    def __init__(self, folder: Path, settings: VoiceSettings) -> None:
        self.folder = folder
        self.settings = settings

    def key(self, text: str, lang: str) -> str:
        s = self.settings
        ident = "\x1f".join([s.engine, voice_for(lang, s), str(s.rate_wpm), str(amplitude(s)),
                             " ".join(text.split())])
        return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]

    def path(self, text: str, lang: str) -> Path:
        return self.folder / f"{self.key(text, lang)}.wav"

    def get(self, text: str, lang: str) -> Path:
        """The prompt's WAV file, rendered on first use (raises ``SpeechUnavailable``)."""
        target = self.path(text, lang)
        if target.exists():
            return target
        data = render_wav(text, lang, self.settings)
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)  # a half-written prompt is never played
        self._prune()
        return target

    def _prune(self) -> None:
        files = sorted(self.folder.glob("*.wav"), key=lambda p: p.stat().st_mtime)
        for old in files[:max(0, len(files) - self.settings.cache_max_files)]:
            old.unlink(missing_ok=True)
