"""Configuration of the voice guidance (section ``[voice]``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class VoiceSettings(BaseModel):
    """Which voice speaks, how loud, through which player.

    ``volume`` (0-100) scales espeak-ng's amplitude, so it works with every player, even
    ``aplay`` which has no volume option. ``player = "auto"`` takes the first of paplay
    (PulseAudio/PipeWire), pw-play, aplay (ALSA) found on the PATH; ``"none"`` keeps the kiosk
    silent. ``audio_mode_at_start`` starts every session in audio (blind) mode, for a kiosk
    whose keypad and headset are always plugged in.
    """

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    volume: int = Field(default=80, ge=0, le=100)
    voice_vi: str = Field(default="vi", pattern=r"^[A-Za-z0-9_+-]{1,40}$")  # also vi-vn-x-central, vi-vn-x-south
    voice_en: str = Field(default="en", pattern=r"^[A-Za-z0-9_+-]{1,40}$")
    rate_wpm: int = Field(default=140, ge=80, le=300)  # slower than espeak's 175: elderly listeners
    engine: str = "espeak-ng"  # program name or absolute path
    player: Literal["auto", "paplay", "pw-play", "aplay", "none"] = "auto"
    cache_max_files: int = Field(default=2000, ge=10, le=100_000)
    audio_mode_at_start: bool = False
