"""How many people are ahead, and how long the wait is, from today's history.

The kiosk sees every ticket it issued today but not (yet) when each one was served. So it
replays today's arrivals through a simple multi-counter queue: each ticket starts at the
later of its arrival and the moment a counter frees up, and takes the service's average
handling time. Priority tickets are served before ordinary ones that are still waiting.
Tickets whose service start lies after *now* are still waiting; the new ticket's start
minus *now* is its estimated wait.

When the central system reports served tickets (``served_at``), those are taken as served
and the handling time is learned from the recent gaps between them instead of configured.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median


@dataclass(frozen=True)
class Arrival:
    at: datetime
    priority: bool
    served_at: datetime | None = None


@dataclass(frozen=True)
class Estimate:
    waiting_ahead: int
    wait_minutes: int


def learned_service_minutes(arrivals: list[Arrival], counters: int, fallback: float) -> float:
    """Median gap between consecutive servings × counters, from the last 20 served."""
    served = sorted(a.served_at for a in arrivals if a.served_at is not None)[-21:]
    if len(served) < 5:
        return fallback
    gaps = [(b - a).total_seconds() / 60 for a, b in zip(served, served[1:])]
    return max(0.5, median(gaps) * counters)


def estimate(arrivals: list[Arrival], now: datetime, priority: bool, counters: int,
             service_min: float) -> Estimate:
    """Estimate for a new ticket arriving ``now`` behind ``arrivals`` (today, this service)."""
    minutes = learned_service_minutes(arrivals, counters, service_min)
    span = timedelta(minutes=minutes)
    pending = sorted((a for a in arrivals if a.served_at is None), key=lambda a: a.at)
    pending.append(Arrival(at=now, priority=priority))
    me = len(pending) - 1
    free = [pending[0].at] * counters if pending else []
    heapq.heapify(free)
    starts: dict[int, datetime] = {}
    queue: list[tuple[int, datetime, int]] = []  # (0 priority / 1 ordinary, arrival, index)
    nxt = 0
    while len(starts) < len(pending):
        counter_free = heapq.heappop(free)
        while nxt < len(pending) and (pending[nxt].at <= counter_free or not queue):
            a = pending[nxt]
            heapq.heappush(queue, (0 if a.priority else 1, a.at, nxt))
            nxt += 1
        _, arrived, idx = heapq.heappop(queue)
        start = max(counter_free, arrived)
        starts[idx] = start
        heapq.heappush(free, start + span)
    ahead = sum(1 for i, s in starts.items() if i != me and s > now and s <= starts[me])
    wait = max(0.0, (starts[me] - now).total_seconds() / 60)
    return Estimate(waiting_ahead=ahead, wait_minutes=int(round(wait)))
