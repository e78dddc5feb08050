"""The current administrative units (34 provinces, 3,321 communes since 1 July 2025).

The list ships as ``forms/data/admin_units.json`` (source, licence and date inside) and can
be replaced by a catalog update with the same shape. Search ignores diacritics and case and
answers within a keystroke (see bench/bench_forms.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from forms.textfold import fold

DEFAULT_PATH = Path(__file__).parent / "data" / "admin_units.json"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str          # "Phường Ba Đình"
    short: str         # "Ba Đình"
    province_code: str | None = None   # None for a province

    @property
    def kind(self) -> str:
        """"Phường", "Xã", "Đặc khu", "Thành phố", "Tỉnh"."""
        return self.name[: len(self.name) - len(self.short)].strip()


class AdminUnits:
    """Provinces and their communes with a diacritics-insensitive search."""

    def __init__(self, data: dict):
        self.source = data.get("source", "")
        self.licence = data.get("licence", "")
        self.effective = data.get("effective", "")
        self.extracted = data.get("extracted", "")
        self.provinces: list[Unit] = []
        self._communes: dict[str, list[Unit]] = {}
        self._by_code: dict[str, Unit] = {}
        self._index: list[tuple[str, str, Unit]] = []   # (folded short, folded name, unit)
        for p_code, p_name, p_short, wards in data["provinces"]:
            prov = Unit(p_code, p_name, p_short)
            self.provinces.append(prov)
            self._by_code["P" + p_code] = prov
            units = [Unit(c, n, s, p_code) for c, n, s in wards]
            self._communes[p_code] = units
            for u in units:
                self._by_code["C" + u.code] = u
                self._index.append((fold(u.short), fold(u.name), u))
        self._province_index = [(fold(p.short), fold(p.name), p) for p in self.provinces]

    @classmethod
    def load(cls, path: Path | None = None) -> "AdminUnits":
        return _load_cached(str(path or DEFAULT_PATH))

    def province(self, code: str) -> Unit | None:
        return self._by_code.get("P" + code)

    def commune(self, code: str) -> Unit | None:
        return self._by_code.get("C" + code)

    def communes(self, province_code: str) -> list[Unit]:
        return self._communes.get(province_code, [])

    @property
    def commune_count(self) -> int:
        return len(self._index)

    def search_provinces(self, query: str, limit: int = 50) -> list[Unit]:
        return _rank(self._province_index, fold(query), limit)

    def search_communes(self, query: str, province_code: str | None = None,
                        limit: int = 50) -> list[Unit]:
        """Communes whose name contains the query, best first: the short name starting
        with the query, then a word starting with it, then anywhere."""
        index = self._index
        if province_code:
            index = [t for t in index if t[2].province_code == province_code]
        return _rank(index, fold(query), limit)

    def match_address(self, text: str) -> tuple[Unit | None, Unit | None]:
        """Best effort (province, commune) named in a free-form address, e.g. the residence
        printed on an ID card. Only an unambiguous match is returned."""
        folded = fold(text)
        parts = [p.strip() for p in folded.split(",") if p.strip()]
        province = None
        for part in reversed(parts):
            hits = [p for s, n, p in self._province_index if part in (s, n)]
            if len(hits) == 1:
                province = hits[0]
                break
        if province is None:
            return None, None
        for part in reversed(parts):
            hits = [u for s, n, u in self._index
                    if u.province_code == province.code and part in (s, n)]
            if len(hits) == 1:
                return province, hits[0]
        return province, None


def _rank(index, q: str, limit: int) -> list[Unit]:
    if not q:
        return [t[2] for t in index[:limit]]
    first, word, anywhere = [], [], []
    wq = " " + q
    for short, name, unit in index:
        if short.startswith(q):
            first.append(unit)
        elif wq in " " + name:
            word.append(unit)
        elif q in name:
            anywhere.append(unit)
    return (first + word + anywhere)[:limit]


@lru_cache(maxsize=4)
def _load_cached(path: str) -> AdminUnits:
    with open(path, encoding="utf-8") as fh:
        return AdminUnits(json.load(fh))
