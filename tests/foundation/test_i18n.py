"""Vietnamese is complete: every string a screen shows has a finished translation."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk import i18n


def test_every_catalogue_is_finished_and_compiled(tmp_path):
    for ts in sorted(i18n.I18N.glob("*_vi.ts")):
        assert i18n.unfinished(ts) == [], ts.name
        qm = ts.with_suffix(".qm")
        fresh = i18n.release(Path(shutil.copy(ts, tmp_path / ts.name)))
        assert qm.read_bytes() == fresh.read_bytes(), f"{qm.name} is stale: run python -m kiosk.i18n"


def test_catalogues_hold_every_string_in_the_sources(tmp_path, monkeypatch):
    for area in i18n.AREAS:
        committed = i18n.I18N / f"{area}_vi.ts"
        if not i18n.sources(area):
            continue
        assert committed.exists(), f"{committed.name} missing"
        copy = tmp_path / committed.name
        shutil.copy(committed, copy)
        monkeypatch.setattr(i18n, "I18N", tmp_path)
        i18n.update(area)
        monkeypatch.setattr(i18n, "I18N", committed.parent)
        fresh = {m.findtext("source") for m in ET.parse(copy).getroot().iter("message")}
        old = {m.findtext("source") for m in ET.parse(committed).getroot().iter("message")}
        assert fresh <= old, f"{area}: untranslated new strings {sorted(fresh - old)}"
