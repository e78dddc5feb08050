"""Expiry of the ID card from the renewal ages, for BAC when only the QR is known.

The QR has no expiry date, yet the BAC key needs it. Law on Identification 2023 Art. 21
(and the Citizen Identification Law 2014 Art. 21 before it): the card is renewed at ages
14, 25, 40 and 60; a card issued within 2 years before a renewal age stays valid until the
next one; a card issued at 58 or later has no expiry. The card is valid until the holder's
birthday at that age (verify the exact day against a real card: it is what the MRZ carries).
"""
from __future__ import annotations

import datetime as dt

RENEWAL_AGES = (14, 25, 40, 60)
GRACE_YEARS = 2


def _birthday(dob: dt.date, age: int) -> dt.date:
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:  # born 29 February
        return dt.date(dob.year + age, 3, 1)


def expiry_from_renewal_ages(
    dob: dt.date, issued: dt.date, ages: tuple[int, ...] = RENEWAL_AGES
) -> dt.date | None:
    """Return the card's expiry date, or ``None`` when the card never expires."""
    for age in ages:
        milestone = _birthday(dob, age)
        # Issued within the grace window (or after the milestone): look at the next one.
        if issued < _birthday(dob, age - GRACE_YEARS):
            return milestone
    return None
