"""Leased numbering: blocks from the central, a kiosk-scoped range when offline."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from sync.numbering_leased import (LeasedTicketNumbers, NumbersExhausted, centre_today,
                                   dossier_code_source, refill, series_to_keep, ticket_source)
from sync.worker import make_client
from tests.sync.conftest import kiosk_settings, register

DAY = centre_today()  # the central leases for today (or tomorrow) only


def take(store, source, scope, n, day=DAY):
    out = []
    for _ in range(n):
        with store.session() as s:
            out.append(source.allocate(s, scope, day))
    return out


def test_numbers_come_from_leased_blocks_and_refill_keeps_them_coming(central, kiosk_store, tmp_path):
    settings = kiosk_settings(tmp_path, central.url, numbering="leased", lease_block=10,
                              lease_low_water=3, ticket_series=["A"])
    client = register(central, "kiosk-01")
    other = register(central, "kiosk-02")
    other.allocate("ticket", "A", DAY, 10)  # another kiosk took 1..10 first
    noon = datetime.combine(DAY, datetime.min.time(), tzinfo=timezone.utc).replace(hour=5)
    assert refill(kiosk_store, client, settings, now=noon) == 2  # ticket A and dossier codes
    source = LeasedTicketNumbers(settings)
    got = take(kiosk_store, source, "A", 7)
    assert got == list(range(11, 18))
    assert refill(kiosk_store, client, settings, now=noon) == 1  # 3 left = low water
    got += take(kiosk_store, source, "A", 13)
    assert got == list(range(11, 31))
    assert refill(kiosk_store, client, settings, now=noon) == 1


def test_offline_kiosks_use_disjoint_reserved_ranges(kiosk_store, tmp_path):
    from sync.store import open_store

    numbers = []
    for slot in (0, 1, 2):
        store = kiosk_store if slot == 0 else open_store(tmp_path / f"k{slot}.db", tmp_path / f"k{slot}.key")
        settings = kiosk_settings(tmp_path, "", numbering="leased", kiosk_slot=slot, fallback_size=100)
        numbers += take(store, LeasedTicketNumbers(settings), "A", 100)
        with pytest.raises(NumbersExhausted) as err:
            take(store, LeasedTicketNumbers(settings), "A", 1)
        assert err.value.vi and err.value.en
    assert len(set(numbers)) == 300 and min(numbers) == 9000 and max(numbers) == 9299


def test_series_kept_include_tomorrow_in_the_last_hour(kiosk_store, tmp_path):
    settings = kiosk_settings(tmp_path, "", ticket_series=["B"])
    with kiosk_store.session() as s:
        late = datetime(2026, 11, 28, 16, 30, tzinfo=timezone.utc)  # 23:30 in Hà Nội
        kept = series_to_keep(s, settings, late)
    assert ("ticket", "B", date(2026, 11, 29)) in kept
    assert ("dossier_code", settings.agency_id, date(2026, 11, 28)) in kept


def test_local_mode_keeps_the_foundation_counter(tmp_path):
    from sync.numbering import LocalDailyCounter

    assert isinstance(ticket_source(kiosk_settings(tmp_path, "")), LocalDailyCounter)
    assert isinstance(ticket_source(kiosk_settings(tmp_path, "", numbering="leased")), LeasedTicketNumbers)


def test_local_dossier_codes_count_from_one(kiosk_store, tmp_path):
    codes = dossier_code_source(kiosk_settings(tmp_path, ""))
    assert take(kiosk_store, codes, "000.00.00.H30", 3) == [1, 2, 3]
