"""Short beeps written as WAV with the standard library (no engine needed)."""
from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050


def write_tone(path: Path, freq_hz: float = 880.0, ms: int = 180, volume: int = 80) -> Path:
    """A sine beep with 10-ms fades (no click), at ``volume`` 0-100."""
    if path.exists():
        return path
    n = RATE * ms // 1000
    fade = RATE // 100
    peak = 32767 * 0.6 * volume / 100
    frames = bytearray()
    for i in range(n):
        env = min(1.0, i / fade, (n - 1 - i) / fade)
        frames += struct.pack("<h", int(peak * env * math.sin(2 * math.pi * freq_hz * i / RATE)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))
    return path
