"""The wait estimate printed on the ticket, from today's history."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kiosk.queue.estimate import Arrival, estimate

T0 = datetime(2026, 11, 28, 1, 0, tzinfo=timezone.utc)


def test_empty_queue_means_no_wait():
    e = estimate([], T0, False, counters=2, service_min=10)
    assert (e.waiting_ahead, e.wait_minutes) == (0, 0)


def test_people_who_just_arrived_are_ahead_and_counters_share_them():
    arrivals = [Arrival(T0 - timedelta(seconds=10 * i), False) for i in range(5)]
    one = estimate(arrivals, T0, False, counters=1, service_min=10)
    two = estimate(arrivals, T0, False, counters=2, service_min=10)
    assert one.waiting_ahead == 4  # one is at the counter, four wait
    assert 35 <= one.wait_minutes <= 50
    assert two.wait_minutes < one.wait_minutes


def test_people_from_long_ago_are_assumed_served():
    arrivals = [Arrival(T0 - timedelta(hours=3, minutes=i), False) for i in range(5)]
    e = estimate(arrivals, T0, False, counters=1, service_min=10)
    assert (e.waiting_ahead, e.wait_minutes) == (0, 0)


def test_priority_tickets_go_before_ordinary_ones():
    arrivals = [Arrival(T0 - timedelta(seconds=i), False) for i in range(6)]
    ordinary = estimate(arrivals, T0, False, counters=1, service_min=10)
    priority = estimate(arrivals, T0, True, counters=1, service_min=10)
    assert priority.waiting_ahead < ordinary.waiting_ahead
    assert priority.wait_minutes < ordinary.wait_minutes


def test_served_tickets_teach_the_real_handling_time():
    served = [Arrival(T0 - timedelta(minutes=60), False, served_at=T0 - timedelta(minutes=60 - 2 * i))
              for i in range(10)]
    waiting = [Arrival(T0 - timedelta(seconds=5 * i), False) for i in range(3)]
    fast = estimate(served + waiting, T0, False, counters=1, service_min=30)
    slow = estimate(waiting, T0, False, counters=1, service_min=30)
    assert fast.wait_minutes < slow.wait_minutes
