"""Configuration of the procedure catalog (section ``[forms]``)."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict


class FormsSettings(BaseModel):
    """Where the procedure definitions come from."""

    model_config = ConfigDict(extra="forbid")

    catalog_dir: Path | None = None
