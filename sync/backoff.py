"""When to try again: exponential backoff with jitter, and a circuit breaker.

Jitter (a random wait between half the exponential cap and the cap) spreads the retries of many
kiosks coming back after an outage, so they do not hit the central in one wave.  The breaker
stops a kiosk from hammering a central that is down: after ``threshold`` consecutive transient
failures it opens for ``cooldown`` seconds, then lets one attempt through (half-open); a
success closes it, a failure opens it again.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable


def backoff_delay(attempts: int, base_s: float, max_s: float,
                  rng: random.Random | None = None) -> float:
    """Seconds to wait before attempt ``attempts + 1`` (``attempts`` ≥ 1 failures so far)."""
    cap = min(max_s, base_s * (2 ** min(max(attempts - 1, 0), 30)))
    return (rng or random).uniform(cap / 2, cap) if cap > 0 else 0.0


class CircuitBreaker:
    def __init__(self, threshold: int, cooldown_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._failures = 0
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        with self._lock:
            if self._failures < self.threshold:
                return "closed"
            return "open" if self._clock() < self._open_until else "half-open"

    def allow(self) -> bool:
        return self.state != "open"

    def seconds_until_retry(self) -> float:
        with self._lock:
            return max(0.0, self._open_until - self._clock())

    def success(self) -> None:
        with self._lock:
            self._failures = 0
            self._open_until = 0.0

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold:
                self._open_until = self._clock() + self.cooldown_s
