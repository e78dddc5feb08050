"""Opening hours of the one-stop counter: is it open now, and when does it open next.

The kiosk works day and night, the counters do not. A ticket taken at 00:14 must not promise
"about 5 minutes", and a dossier filed on a Sunday evening counts as received on the next
working day, the rule :mod:`forms.workdays` already applies to closed days and same-day
cut-offs (the result date follows from that day). Working days come from the holiday table,
hours from the configuration (``[queue] opening_hours``, local time of the centre).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forms.workdays import HolidayTable

DEFAULT_HOURS = ("07:30-11:30", "13:30-17:00")


def parse_period(text: str) -> tuple[dt.time, dt.time]:
    """``"07:30-11:30"`` → (07:30, 11:30); raises ValueError for anything else."""
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"opening period {text!r}: expected HH:MM-HH:MM")
    a, b = dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())
    if not a < b:
        raise ValueError(f"opening period {text!r}: it must end after it starts")
    return a, b


@dataclass(frozen=True)
class OpeningHours:
    periods: tuple[tuple[dt.time, dt.time], ...]
    holidays: HolidayTable

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...], holidays: HolidayTable) -> "OpeningHours":
        periods = tuple(sorted(parse_period(s) for s in specs))
        if not periods:
            raise ValueError("at least one opening period is needed")
        for (_, end), (start, _) in zip(periods, periods[1:]):
            if start < end:
                raise ValueError("opening periods overlap")
        return cls(periods, holidays)

    def is_open(self, moment: dt.datetime) -> bool:
        """``moment`` in the centre's local time (naive or aware)."""
        if not self.holidays.is_working_day(moment.date()):
            return False
        now = moment.time().replace(tzinfo=None)
        return any(start <= now < end for start, end in self.periods)

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """The next moment the counters open, strictly after ``moment`` (same zone as it)."""
        day, now = moment.date(), moment.time().replace(tzinfo=None)
        if self.holidays.is_working_day(day):
            for start, _ in self.periods:
                if now < start:
                    return dt.datetime.combine(day, start, moment.tzinfo)
        day = self.holidays.next_working_day(day)
        return dt.datetime.combine(day, self.periods[0][0], moment.tzinfo)

    def closes_for_the_day(self) -> dt.time:
        """After this time a dossier counts as received on the next working day."""
        return self.periods[-1][1]
