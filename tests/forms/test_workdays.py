"""Expected result dates: weekends, holidays incl. Tết and Hùng Kings' day, cut-offs."""
import datetime as dt

import pytest
from hypothesis import given, strategies as st

from forms.workdays import HolidayTable, HolidayTableError

T = HolidayTable.load()


@pytest.mark.parametrize("received,days,cutoff,expected", [
    # Friday before Tết 2026 (14-22/2): one working day lands after the break.
    (dt.datetime(2026, 2, 13, 10), 1, None, dt.date(2026, 2, 23)),
    # 7 working days across 30/4-2/5/2025 with the make-up Saturday 26/4 counted.
    (dt.datetime(2025, 4, 25, 14), 7, None, dt.date(2025, 5, 8)),
    # Same-day procedure received after 15:00 on a Friday: next Monday.
    (dt.datetime(2026, 11, 27, 15, 30), 0, dt.time(15), dt.date(2026, 11, 30)),
    (dt.datetime(2026, 11, 27, 14, 59), 0, dt.time(15), dt.date(2026, 11, 27)),
    # Received on a Saturday: counts from Monday.
    (dt.datetime(2026, 11, 28, 9), 3, None, dt.date(2026, 12, 3)),
    # Hùng Kings' day 2025 (Monday 7/4).
    (dt.datetime(2025, 4, 4, 9), 1, None, dt.date(2025, 4, 8)),
    # Hùng Kings' day 2026 falls on Sunday 26/4: Monday 27/4 is off.
    (dt.datetime(2026, 4, 24, 9), 1, None, dt.date(2026, 4, 28)),
    # National Day 2026: 31/8 swapped (make-up Saturday 22/8), 1-2/9 off.
    (dt.datetime(2026, 8, 28, 9), 1, None, dt.date(2026, 9, 3)),
    (dt.datetime(2026, 8, 21, 9), 1, None, dt.date(2026, 8, 22)),
])
def test_expected_dates(received, days, cutoff, expected):
    assert T.expected_date(received, days, cutoff).date == expected


def test_unverified_years_and_days_are_flagged():
    assert T.expected_date(dt.datetime(2026, 3, 2, 9), 7).verified
    assert not T.expected_date(dt.datetime(2026, 12, 28, 9), 7).verified   # crosses into 2027
    assert not T.expected_date(dt.datetime(2026, 11, 23, 9), 2).verified   # 24/11 unverified
    assert not T.expected_date(dt.datetime(2028, 1, 3, 9), 1).verified     # year not in table


def test_every_shipped_year_has_tet_and_hung_kings():
    names = {}
    for day, entry in T.days_off.items():
        names.setdefault(day.year, set()).add(entry.name)
    for year in (2025, 2026, 2027):
        assert any("Tết Nguyên đán" in n for n in names[year])
        assert any("Hùng Vương" in n for n in names[year])


def test_malformed_table_is_refused():
    with pytest.raises(HolidayTableError):
        HolidayTable({2025: {"days_off": [["2025-01-01", "x"]]}})       # not a date
    with pytest.raises(HolidayTableError):
        HolidayTable({2025: {"working_saturdays": [[dt.date(2025, 4, 27), "Sunday"]]}})
    with pytest.raises(HolidayTableError):
        HolidayTable({2025: {"days_off": [[dt.date(2024, 1, 1), "wrong year"]]}})


@given(st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2027, 10, 1)), st.integers(0, 30))
def test_result_is_a_working_day_and_counts_exactly(received, days):
    res = T.expected_date(received, days)
    assert T.is_working_day(res.date) and res.date >= received.date()
    span = [res.received_counted + dt.timedelta(n) for n in range(1, (res.date - res.received_counted).days + 1)]
    assert sum(T.is_working_day(d) for d in span) == days
