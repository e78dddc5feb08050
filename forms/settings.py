"""Configuration of the procedure catalog (section ``[forms]``)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from msgspec import Meta, Struct


class FormsSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """Where the procedures, units and holidays come from; how the keyboard types.

    Every data path defaults to the copy shipped in ``forms/`` and can point at a newer file
    delivered by a catalog update.
    """

    catalog_dir: Path | None = None          # default: forms/procedures
    admin_units_path: Path | None = None     # default: forms/data/admin_units.json
    holidays_path: Path | None = None        # default: forms/data/holidays.yaml
    font_dir: Path | None = None             # default: assets/fonts (Noto Sans)
    input_method: Literal["telex", "vni"] = "telex"
    tone_style: Literal["classic", "modern"] = "classic"   # "hòa" or "hoà"
    place_name: Annotated[str, Meta(max_length=80)] = ""   # printed before the date: "Hà Nội, ngày …"
    channel: Literal["in_person", "online"] = "in_person"  # which fee applies at the kiosk
