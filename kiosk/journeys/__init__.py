"""Citizen journeys as plain-Python state machines (no Qt): screens only render them."""
from __future__ import annotations

from enum import Enum


class JourneyError(Exception):
    """An event that does not fit the current step (a double tap, a stale signal)."""


def expect(current: Enum, *allowed: Enum) -> None:
    """Refuse an event unless the journey is at one of the ``allowed`` steps."""
    if current not in allowed:
        wanted = "/".join(s.value for s in allowed)
        raise JourneyError(f"expected {wanted}, journey is at {current.value}")
