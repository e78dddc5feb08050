"""Rebuild ``admin_units.json`` from the SQLite database shipped in the ``vietnamadminunits``
wheel (MIT licence, Copyright (c) 2025 Tran Ngoc Minh Hieu).

    pip download vietnamadminunits==1.0.4 --no-deps -d /tmp/vau
    python -m zipfile -e /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl /tmp/vau/x
    python forms/data/extract_admin_units.py /tmp/vau/x/vietnamadminunits/data/dataset.db 1.0.4

Only the current two-tier units (table ``admin_units``: 34 provinces, 3,321 communes,
effective 1 July 2025, Decision 19/2025/QĐ-TTg codes) are kept: code, full name, short name.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path

OUT = Path(__file__).with_name("admin_units.json")


def extract(db_path: Path, package_version: str) -> dict:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT provinceCode, province, provinceShort, wardCode, ward, wardShort "
        "FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
    provinces: dict[str, list] = {}
    for p_code, p_name, p_short, w_code, w_name, w_short in rows:
        entry = provinces.setdefault(p_code, [p_code, p_name, p_short, []])
        entry[3].append([w_code, w_name, w_short])
    return {
        "source": f"vietnamadminunits {package_version} (PyPI), table admin_units",
        "licence": "MIT, Copyright (c) 2025 Tran Ngoc Minh Hieu; see LICENSE-vietnamadminunits.txt",
        "effective": "2025-07-01",
        "extracted": dt.date.today().isoformat(),
        "provinces": list(provinces.values()),
    }


if __name__ == "__main__":
    data = extract(Path(sys.argv[1]), sys.argv[2])
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    n = sum(len(p[3]) for p in data["provinces"])
    print(f"{len(data['provinces'])} provinces, {n} communes → {OUT}")
