"""Working days of the one-stop counter and the expected result date of a dossier.

Rules (documented in docs/forms.md):
- Saturdays and Sundays are closed, except the make-up Saturdays listed in the table; the
  days off listed per year (public holidays, Tết, compensatory and swapped days) are closed.
- A dossier received on a closed day, or after the procedure's same-day cut-off, counts as
  received on the next working day (e.g. certified copies: same day, next working day after
  15:00).
- The result date is the reception day advanced by the statutory number of working days;
  0 means the same (counted) day.
- A date that crosses a year missing from the table, or an entry marked unverified, is
  reported as not verified so the receipt can say "dự kiến" and the operator can update the
  table.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).parent / "data" / "holidays.yaml"
MAX_SPAN_DAYS = 400


class HolidayTableError(ValueError):
    """The holiday table is malformed."""


@dataclass(frozen=True)
class DayEntry:
    day: dt.date
    name: str
    verified: bool


@dataclass(frozen=True)
class ExpectedDate:
    date: dt.date
    received_counted: dt.date     # the working day the dossier counts as received on
    verified: bool                # every year crossed is in the table and verified


class HolidayTable:
    def __init__(self, data: dict):
        self.days_off: dict[dt.date, DayEntry] = {}
        self.working_saturdays: dict[dt.date, DayEntry] = {}
        self.years: dict[int, bool] = {}
        for year, spec in (data or {}).items():
            if not isinstance(year, int) or not isinstance(spec, dict):
                raise HolidayTableError(f"year {year!r}: expected a year with a mapping")
            year_ok = bool(spec.get("verified", False))
            self.years[year] = year_ok
            for key, target in (("days_off", self.days_off),
                                ("working_saturdays", self.working_saturdays)):
                for item in spec.get(key) or []:
                    entry = self._entry(year, key, item, year_ok)
                    target[entry.day] = entry
        for day in self.working_saturdays:
            if day.weekday() != 5:
                raise HolidayTableError(f"working_saturdays: {day} is not a Saturday")

    @staticmethod
    def _entry(year, key, item, year_ok) -> DayEntry:
        if not (isinstance(item, list) and 2 <= len(item) <= 3 and isinstance(item[0], dt.date)):
            raise HolidayTableError(f"{year}.{key}: expected [YYYY-MM-DD, name(, unverified)], got {item!r}")
        if item[0].year != year:
            raise HolidayTableError(f"{year}.{key}: {item[0]} is not in {year}")
        flagged = len(item) == 3 and item[2] == "unverified"
        return DayEntry(item[0], str(item[1]), year_ok and not flagged)

    @classmethod
    def load(cls, path: Path | None = None) -> "HolidayTable":
        return _load_cached(str(path or DEFAULT_PATH))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_saturdays:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def next_working_day(self, day: dt.date) -> dt.date:
        for _ in range(MAX_SPAN_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise HolidayTableError("no working day within a year")

    def _verified_between(self, start: dt.date, end: dt.date) -> bool:
        for year in range(start.year, end.year + 1):
            if not self.years.get(year, False):
                return False
        for table in (self.days_off, self.working_saturdays):
            if any(not e.verified for d, e in table.items() if start <= d <= end):
                return False
        return True

    def expected_date(self, received: dt.datetime, working_days: int,
                      cutoff: dt.time | None = None) -> ExpectedDate:
        """The day the result is due for a dossier received at ``received``."""
        if working_days < 0:
            raise ValueError("working_days must be >= 0")
        day = received.date()
        if not self.is_working_day(day) or (cutoff is not None and received.time() >= cutoff):
            day = self.next_working_day(day)
        counted = day
        for _ in range(working_days):
            day = self.next_working_day(day)
        return ExpectedDate(day, counted, self._verified_between(received.date(), day))


def parse_cutoff(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


@lru_cache(maxsize=4)
def _load_cached(path: str) -> HolidayTable:
    import yaml  # ~20 ms: loaded with the first table, not with the kiosk's configuration

    with open(path, encoding="utf-8") as fh:
        return HolidayTable(yaml.safe_load(fh))
