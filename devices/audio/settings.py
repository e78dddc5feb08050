"""Configuration of the voice guidance (section ``[voice]``)."""
from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct

# \Z, not $: "vi\n" must not pass as a voice name ($ also matches before a final newline)
_VOICE = Meta(pattern=r"^[A-Za-z0-9_+-]{1,40}\Z")


class VoiceSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """Which voice speaks, how loud, through which player.

    ``volume`` (0-100) scales espeak-ng's amplitude, so it works with every player, even
    ``aplay`` which has no volume option. ``player = "auto"`` takes the first of paplay
    (PulseAudio/PipeWire), pw-play, aplay (ALSA) found on the PATH; ``"none"`` keeps the kiosk
    silent. ``audio_mode_at_start`` starts every session in audio (blind) mode, for a kiosk
    whose keypad and headset are always plugged in.
    """

    enabled: bool = True
    volume: Annotated[int, Meta(ge=0, le=100)] = 80
    voice_vi: Annotated[str, _VOICE] = "vi"  # also vi-vn-x-central, vi-vn-x-south
    voice_en: Annotated[str, _VOICE] = "en"
    rate_wpm: Annotated[int, Meta(ge=80, le=300)] = 140  # slower than espeak's 175: elderly listeners
    engine: str = "espeak-ng"  # program name or absolute path
    player: Literal["auto", "paplay", "pw-play", "aplay", "none"] = "auto"
    cache_max_files: Annotated[int, Meta(ge=10, le=100_000)] = 2000
    audio_mode_at_start: bool = False
