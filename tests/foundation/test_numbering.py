"""Ticket numbers: per service per local day, restart at midnight in Vietnam, never reused."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.numbering import LocalDailyCounter, local_day
from sync.store import open_store

VN = timezone(timedelta(hours=7))


def test_local_day_turns_at_midnight_in_ho_chi_minh_city():
    # 16:59:59 UTC is 23:59:59 in Vietnam; one second later it is the next day there.
    assert local_day(datetime(2026, 3, 1, 16, 59, 59, tzinfo=timezone.utc)).day == 1
    assert local_day(datetime(2026, 3, 1, 17, 0, 0, tzinfo=timezone.utc)).day == 2


events = st.lists(st.tuples(st.sampled_from(["HOTICH", "CUTRU"]),
                            st.integers(min_value=0, max_value=3 * 24 * 60),  # minutes into 3 days
                            st.booleans()),  # restart the kiosk (reopen the store) before this one
                  min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(evs=events)
def test_numbers_restart_each_local_day_and_survive_restarts(tmp_path_factory, evs):
    folder = tmp_path_factory.mktemp("numbering")
    start = datetime(2026, 11, 27, 20, 0, tzinfo=VN)
    store = open_store(folder / "k.db", folder / "k.key")
    numbering = LocalDailyCounter()
    expected: dict[tuple[str, object], int] = {}
    for service, minute, restart in sorted(evs, key=lambda e: e[1]):
        if restart:
            store.close()
            store = open_store(folder / "k.db", folder / "k.key")
        moment = start + timedelta(minutes=minute)
        day = local_day(moment)
        with store.session() as s:
            seq = numbering.allocate(s, service, day)
        expected[(service, day)] = expected.get((service, day), 0) + 1
        assert seq == expected[(service, day)]
    store.close()


def test_a_rolled_back_ticket_does_not_burn_a_number_but_a_committed_one_is_never_reused(tmp_path):
    store = open_store(tmp_path / "k.db", tmp_path / "k.key")
    numbering = LocalDailyCounter()
    day = datetime(2026, 11, 28).date()
    try:
        with store.session() as s:
            numbering.allocate(s, "CUTRU", day)
            raise RuntimeError("power cut inside the transaction")
    except RuntimeError:
        pass
    with store.session() as s:
        assert numbering.allocate(s, "CUTRU", day) == 1
    store.close()
    store = open_store(tmp_path / "k.db", tmp_path / "k.key")
    with store.session() as s:
        assert numbering.allocate(s, "CUTRU", day) == 2
