"""Pictograms on the home tiles, the services and the priority groups: every configured one is
drawn (a missing file would leave a blank where a citizen looks first), in the button's colour."""
from __future__ import annotations

import assets
from kiosk.app import build
from kiosk.launch import demo_config
from kiosk.screens.home import PICTOGRAMS


def ink(icon, size: int = 48) -> int:
    """How many pixels of the drawing are visible."""
    image = icon.pixmap(size, size).toImage()
    return sum(1 for y in range(size) for x in range(size) if image.pixelColor(x, y).alpha() > 128)


def test_every_tile_service_and_priority_group_has_its_pictogram(qtbot, tmp_path):
    app = build(demo_config(tmp_path / "data"))
    try:
        queue = app.ctx.config.queue
        named = [s.icon for s in queue.services] + [p.icon for p in queue.priorities]
        assert all(named), "a service or priority group of the example has no pictogram"
        for name in named + list(PICTOGRAMS.values()):
            assert assets.path("icons", f"{name}.svg").exists(), name
        w = app.window
        for tile in PICTOGRAMS:
            assert ink(w.findChild(type(w.screen("home").buttons[tile]), f"tile_{tile}").icon()) > 100
        for s in queue.services:
            assert ink(w.screen("take_number").buttons[s.code].icon()) > 100, s.code
        priority = w.screen("queue_priority")
        for p in queue.priorities:
            icon = priority.buttons[p.code].icon()
            assert ink(icon) > 100, p.code
            colour = icon.pixmap(48, 48).toImage()
            dark = [colour.pixelColor(x, y) for y in range(48) for x in range(48)
                    if colour.pixelColor(x, y).alpha() > 200]
            assert max(c.lightness() for c in dark) < 80   # dark ink on the orange button
    finally:
        app.ctx.store.close()
