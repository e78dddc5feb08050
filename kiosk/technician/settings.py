"""Configuration of technician mode (section ``[technician]``)."""
from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct


class TechnicianSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """Who may open the technician panel, for how long, and what it may do.

    ``pin_hash`` is written by ``kiosk config set-pin`` (a salted scrypt hash, never the
    PIN); empty means technician mode cannot be opened on the screen at all.
    """

    pin_hash: str = ""
    #: wrong PINs in a row before the pad locks …
    max_attempts: Annotated[int, Meta(ge=1, le=20)] = 5
    #: … for this long
    lockout_s: Annotated[int, Meta(ge=10, le=86400)] = 300
    #: the panel goes back to the citizen home after this long without a touch
    session_timeout_s: Annotated[int, Meta(ge=30, le=7200)] = 300
    #: how long each corner of the entry gesture must be held
    hold_ms: Annotated[int, Meta(ge=50, le=10000)] = 2000
    #: time allowed between the first and the second corner
    gesture_window_ms: Annotated[int, Meta(ge=500, le=30000)] = 5000
    #: offer "exit to the desktop" (only on kiosks whose desktop is locked down)
    allow_exit_to_desktop: bool = False
    #: seconds each diagnostic check may take before it is reported as hanging
    check_timeout_s: Annotated[float, Meta(gt=0, le=5.0)] = 5.0

    def __post_init__(self) -> None:
        # a hash with absurd scrypt parameters would hang the pad at the first PIN: refuse it
        # when the file is read (the error starts with the key, for kiosk.config's message)
        if self.pin_hash:
            from kiosk.technician.pin import parse_hash

            try:
                parse_hash(self.pin_hash)
            except ValueError as exc:
                raise ValueError(f"pin_hash: {exc}") from None
