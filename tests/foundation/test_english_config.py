"""Every text the configuration shows a citizen has an English form, and the English screens
use it ("Counters 1, 2", not "Quầy 1, 2")."""
from __future__ import annotations

import tomllib

from kiosk.app import build
from kiosk.config import EXAMPLE
from kiosk.launch import demo_config


def test_the_example_configuration_gives_every_shown_text_in_english():
    doc = tomllib.loads(EXAMPLE.read_text("utf-8"))
    assert doc["kiosk"]["centre_name_en"]
    for service in doc["queue"]["services"]:
        assert service["name_en"] and service["counter_group_en"], service["code"]
        assert "Quầy" not in service["counter_group_en"]
    for group in doc["queue"]["priorities"]:
        assert group["name_en"], group["code"]


def test_the_english_service_screen_names_the_counters_in_english(qtbot, tmp_path):
    app = build(demo_config(tmp_path / "data"))
    try:
        app.ctx.set_language("en")
        app.ctx.go("take_number")
        texts = [b.text() for b in app.window.screen("take_number").buttons.values()]
        assert "Civil status\nCounters 1, 2" in texts
        assert not any("Quầy" in t for t in texts)
        app.ctx.set_language("vi")
        assert "Hộ tịch\nQuầy 1, 2" in [b.text() for b in app.window.screen("take_number").buttons.values()]
    finally:
        app.ctx.wipe_session()
        app.ctx.store.close()
