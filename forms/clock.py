"""The kiosk's one clock: the centre's local time (Vietnam, UTC+7, no daylight saving).

The screen's clock, the declaration PDF's date, the receipt and the result date all read the
time here, so a kiosk whose system zone is UTC (as on these machines) never prints
yesterday's date on a form filed after 17:00 UTC.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

CENTRE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def centre_now() -> dt.datetime:
    """Now, in the centre's zone (aware)."""
    return dt.datetime.now(CENTRE_TZ)
