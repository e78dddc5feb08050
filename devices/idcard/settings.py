"""Configuration of ID card identification (section ``[idcard]``)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IdCardSettings(BaseModel):
    """The QR camera and the contactless reader used to identify the citizen."""

    model_config = ConfigDict(extra="forbid")

    camera: str = "simulator"
    reader: str = ""
