"""The PIN gate: wrong PINs count toward a lockout that survives a restart.

The count is read from the audit log (``pin_wrong`` since the last ``pin_ok`` or
``lockout_over``), so pulling the plug does not reset it; while locked, no PIN is even hashed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from kiosk.technician import audit
from kiosk.technician.pin import verify_pin
from kiosk.technician.settings import TechnicianSettings


@dataclass(frozen=True)
class GateAnswer:
    ok: bool
    #: wrong PINs left before the lockout (0 when locked)
    attempts_left: int
    #: seconds until the pad opens again (0 when not locked)
    locked_for_s: int
    #: no PIN configured: technician mode is closed on this kiosk
    no_pin: bool = False


class PinGate:
    def __init__(self, store, settings: TechnicianSettings, clock=lambda: datetime.now(timezone.utc)):
        self.store, self.settings, self.clock = store, settings, clock

    def _wrong_streak(self) -> list[datetime]:
        """Times of the wrong PINs since the last success, newest first."""
        window = timedelta(seconds=self.settings.lockout_s) * 4
        streak = []
        for entry in audit.recent(self.store, 100, self.clock() - window, ("pin_wrong", "pin_ok", "lockout_over")):
            if entry.action != "pin_wrong":
                break
            streak.append(audit.aware(entry.at))
        return streak

    def state(self) -> GateAnswer:
        if not self.settings.pin_hash:
            return GateAnswer(False, 0, 0, no_pin=True)
        streak = self._wrong_streak()
        limit = self.settings.max_attempts
        if len(streak) >= limit:
            unlock = streak[0] + timedelta(seconds=self.settings.lockout_s)
            left = (unlock - self.clock()).total_seconds()
            if left > 0:
                return GateAnswer(False, 0, int(left) + 1)
            return GateAnswer(False, limit, 0)  # served its time: a fresh set of attempts
        return GateAnswer(False, limit - len(streak), 0)

    def _streak_reset(self) -> bool:
        streak = self._wrong_streak()
        return len(streak) >= self.settings.max_attempts and self.state().locked_for_s == 0

    def try_pin(self, pin: str) -> GateAnswer:
        before = self.state()
        if before.no_pin or before.locked_for_s:
            return before
        if self._streak_reset():
            audit.record(self.store, "lockout_over")  # start a fresh count
        if verify_pin(pin, self.settings.pin_hash):
            audit.record(self.store, "pin_ok")
            return GateAnswer(True, self.settings.max_attempts, 0)
        audit.record(self.store, "pin_wrong")
        after = self.state()
        if after.locked_for_s:
            audit.record(self.store, "pin_lockout", f"{self.settings.max_attempts} wrong PINs")
        return after
