"""Retry timing: delays grow with jitter, the breaker opens, half-opens and closes."""
from __future__ import annotations

import random

from sync.backoff import CircuitBreaker, backoff_delay


def test_delays_double_within_jitter_and_stop_at_the_cap():
    rng = random.Random(5)
    for attempts, cap in [(1, 2), (2, 4), (3, 8), (4, 16), (9, 300), (60, 300)]:
        delays = [backoff_delay(attempts, 2, 300, rng) for _ in range(200)]
        assert cap / 2 <= min(delays) and max(delays) <= cap
        assert len({round(d, 6) for d in delays}) > 150, "kiosks must not retry in lockstep"


def test_breaker_opens_after_the_threshold_then_lets_one_try_through():
    now = [0.0]
    breaker = CircuitBreaker(threshold=3, cooldown_s=60, clock=lambda: now[0])
    for _ in range(2):
        breaker.failure()
    assert breaker.allow() and breaker.state == "closed"
    breaker.failure()
    assert not breaker.allow() and breaker.state == "open"
    assert breaker.seconds_until_retry() == 60
    now[0] = 61
    assert breaker.state == "half-open" and breaker.allow()
    breaker.failure()  # the trial failed: open again for a full cooldown
    assert breaker.state == "open" and breaker.seconds_until_retry() == 60
    now[0] = 200
    breaker.success()
    assert breaker.state == "closed" and breaker.allow()
