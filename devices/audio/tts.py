"""Text to WAV with espeak-ng, run as a separate process (GPL-3 program, not linked).

Platform notes: ``espeak-ng -v vi`` speaks Vietnamese offline (22,050 Hz mono); three
Vietnamese voices ship (``vi`` Northern, ``vi-vn-x-central``, ``vi-vn-x-south``).
The text goes through stdin, never the command line, so no text can be read as an option.
"""
from __future__ import annotations

import shutil
import subprocess

from devices.audio.errors import SpeechUnavailable
from devices.audio.settings import VoiceSettings

MAX_CHARS = 2000  # a prompt is a sentence or two; anything longer is a mistake upstream
TIMEOUT_S = 20.0


def voice_for(lang: str, settings: VoiceSettings) -> str:
    return settings.voice_vi if lang == "vi" else settings.voice_en


def amplitude(settings: VoiceSettings) -> int:
    """espeak-ng's -a runs 0-200 with 100 its default; volume 100 maps to 150."""
    return round(settings.volume * 1.5)


def render_wav(text: str, lang: str, settings: VoiceSettings) -> bytes:
    """The WAV bytes of ``text`` spoken in ``lang`` ("vi" or "en")."""
    text = " ".join(text.split())[:MAX_CHARS]
    engine = shutil.which(settings.engine)
    if engine is None:
        raise SpeechUnavailable(f"speech engine {settings.engine!r} not found")
    argv = [engine, "-v", voice_for(lang, settings), "-s", str(settings.rate_wpm),
            "-a", str(amplitude(settings)), "--stdout"]
    try:
        done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechUnavailable(f"speech engine failed: {type(exc).__name__}") from None
    if done.returncode != 0 or not done.stdout.startswith(b"RIFF"):
        detail = done.stderr.decode("utf-8", "replace").strip()[:200]
        raise SpeechUnavailable(f"speech engine exit {done.returncode}: {detail}")
    return fix_stream_header(done.stdout)


def fix_stream_header(wav: bytes) -> bytes:
    """espeak-ng writing to a pipe cannot seek back, so its RIFF and data sizes say
    0x7FFFFFFF-ish; players that trust them wait for audio that never comes. Patch both."""
    if len(wav) < 44 or wav[36:40] != b"data":
        return wav
    body = len(wav) - 44
    return (wav[:4] + (36 + body).to_bytes(4, "little") + wav[8:40]
            + body.to_bytes(4, "little") + wav[44:])
