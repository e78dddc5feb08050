"""Configuration of technician mode (section ``[technician]``)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class TechnicianSettings(BaseModel):
    """Who may open the technician panel, for how long, and what it may do.

    ``pin_hash`` is written by ``kiosk config set-pin`` (a salted scrypt hash, never the
    PIN); empty means technician mode cannot be opened on the screen at all.
    """

    model_config = ConfigDict(extra="forbid")

    pin_hash: str = ""
    #: wrong PINs in a row before the pad locks …
    max_attempts: int = Field(default=5, ge=1, le=20)
    #: … for this long
    lockout_s: int = Field(default=300, ge=10, le=86400)
    #: the panel goes back to the citizen home after this long without a touch
    session_timeout_s: int = Field(default=300, ge=30, le=7200)
    #: how long each corner of the entry gesture must be held
    hold_ms: int = Field(default=2000, ge=50, le=10000)
    #: time allowed between the first and the second corner
    gesture_window_ms: int = Field(default=5000, ge=500, le=30000)
    #: offer "exit to the desktop" (only on kiosks whose desktop is locked down)
    allow_exit_to_desktop: bool = False
    #: seconds each diagnostic check may take before it is reported as hanging
    check_timeout_s: float = Field(default=5.0, gt=0, le=5.0)

    @field_validator("pin_hash")
    @classmethod
    def _parsable(cls, value: str) -> str:
        if value:
            from kiosk.technician.pin import parse_hash

            parse_hash(value)
        return value
