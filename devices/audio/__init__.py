"""Voice prompts and sounds, offline and Qt-free.

Speech is rendered by Debian's ``espeak-ng`` run as a separate program (never linked: see
docs/dependencies.md), cached as WAV files keyed by text, language and voice, and played by
a command-line player (``paplay``, ``pw-play`` or ``aplay``). Nothing here blocks its caller:
``Speaker.say`` hands the text to one background thread. A kiosk without the engine or
without a sound card carries on silently; ``Speaker.problem`` says what is missing.
"""
from devices.audio.errors import SpeechUnavailable
from devices.audio.settings import VoiceSettings
from devices.audio.speaker import Speaker
from devices.audio.tts import render_wav

__all__ = ["Speaker", "SpeechUnavailable", "VoiceSettings", "render_wav"]
