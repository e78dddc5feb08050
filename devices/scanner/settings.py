"""Configuration of the document capture device (section ``[scanner]``)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ScannerSettings(BaseModel):
    """The document camera or flatbed scanner used to digitize papers."""

    model_config = ConfigDict(extra="forbid")

    backend: str = "simulator"
