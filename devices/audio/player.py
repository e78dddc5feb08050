"""Plays a WAV file with a command-line player, one sound at a time, never waiting for it.

``paplay`` and ``pw-play`` reach PulseAudio/PipeWire (where a headset shows up), ``aplay``
plain ALSA. On a machine with no sound card the player exits with an error at once; the
speaker notes it and stays silent.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PLAYERS = ("paplay", "pw-play", "aplay")


def find_player(preference: str) -> list[str] | None:
    """The player's argv prefix, or None when there is none (or ``preference`` is "none")."""
    if preference == "none":
        return None
    for name in (PLAYERS if preference == "auto" else (preference,)):
        path = shutil.which(name)
        if path:
            return [path, "-q"] if name == "aplay" else [path]
    return None


class Player:
    def __init__(self, argv: list[str] | None) -> None:
        self.argv = argv
        self._proc: subprocess.Popen | None = None

    @property
    def available(self) -> bool:
        return self.argv is not None

    def play(self, wav: Path) -> subprocess.Popen | None:
        """Stop what is playing and start ``wav``; returns the player process."""
        self.stop()
        if self.argv is None:
            return None
        self._proc = subprocess.Popen([*self.argv, str(wav)], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self._proc

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                proc.kill()
