"""Configuration of the link to the central one-stop system (section ``[sync]``)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SyncSettings(BaseModel):
    """Where the central system is and who this kiosk is."""

    model_config = ConfigDict(extra="forbid")

    central_url: str = ""
    kiosk_id: str = "kiosk-01"
