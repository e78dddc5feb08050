"""What a citizen can reach with a finger: keys big enough and on the screen, one keypad
layout, the field to fill in view, a page that scrolls with a drag and says there is more."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton

from gui_typing import tap
from kiosk.app import build
from kiosk.launch import demo_config


@pytest.fixture(params=[(1920, 1080), (1280, 800)], ids=["1920x1080", "1280x800"])
def kiosk(request, qtbot, tmp_path, identity):
    app = build(demo_config(tmp_path / "data"))
    app.window.resize(*request.param)
    app.window.show()
    flow = app.dossier.forms_flow
    flow.begin(identity)
    flow.choose("1.004222")
    flow.start()
    yield app, flow
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


def on_screen_keys(window, keyboard) -> list[QPushButton]:
    return [b for b in keyboard.findChildren(QPushButton) if b.isVisible()]


def assert_reachable(window, keys) -> None:
    for key in keys:
        top_left = key.mapTo(window, key.rect().topLeft())
        bottom_right = key.mapTo(window, key.rect().bottomRight())
        name = f"{key.objectName()} {key.text()!r}"
        assert key.width() >= 60 and key.height() >= 60, f"{name}: {key.width()}x{key.height()}"
        assert top_left.x() >= 0 and top_left.y() >= 0, name
        assert bottom_right.x() < window.width() and bottom_right.y() < window.height(), \
            f"{name} cut off at {bottom_right.toTuple()} in {window.width()}x{window.height()}"


def test_every_key_is_a_60px_target_on_the_screen(qtbot, kiosk):
    app, flow = kiosk
    page = app.window.screen("forms_page")
    settle(qtbot)
    phone = page.editors["phone"]
    tap(qtbot, phone.input)                        # the numeric pad for a phone number
    settle(qtbot)
    kb = page.keyboard
    assert kb.isVisible() and kb.pages.currentIndex() == 1
    assert_reachable(app.window, on_screen_keys(app.window, kb))
    tap(qtbot, kb.buttons["key_to_letters"])       # and every key of the letters page
    settle(qtbot)
    letters = on_screen_keys(app.window, kb)
    assert {"key_shift", "key_method", "key_to_numeric", "key_backspace", "key_enter"} <= \
        {k.objectName() for k in letters}
    assert_reachable(app.window, letters)


def top_row(keys: dict[str, QPushButton], grid: QGridLayout) -> list[str]:
    """The digits on the top row of a keypad grid, left to right."""
    row = [grid.itemAtPosition(0, c) for c in range(grid.columnCount())]
    texts = [item.widget().text() for item in row if item is not None and item.widget() is not None]
    return [t for t in texts if t.isdigit()]


def test_one_keypad_layout_everywhere(qtbot, kiosk):
    app, _flow = kiosk
    form_grid = app.window.screen("forms_page").keyboard.buttons["num_1"].parentWidget().layout()
    identity_grid = app.window.screen("identify").keypad.layout()
    lookup_grid = app.window.screen("lookup").keypad.layout()
    for grid in (form_grid, identity_grid, lookup_grid):
        assert top_row({}, grid) == ["1", "2", "3"]   # like a phone, on every pad


def visible_in(scroll, widget) -> bool:
    view = scroll.viewport()
    top = widget.mapTo(view, widget.rect().topLeft()).y()
    bottom = widget.mapTo(view, widget.rect().bottomLeft()).y()
    more = scroll.more.geometry().top() if scroll.more.isVisible() else view.height()
    return 0 <= top and bottom <= more


def test_the_first_field_to_fill_is_in_view_and_more_below_is_said(qtbot, kiosk):
    app, flow = kiosk
    page = app.window.screen("forms_page")
    qtbot.waitUntil(lambda: visible_in(page.scroll, page.editors["phone"]))
    # CT01 opens below its prefilled, locked fields: at the phone number
    assert page.scroll.verticalScrollBar().value() > 0
    bar = page.scroll.verticalScrollBar()
    if bar.value() < bar.maximum():
        assert page.scroll.more.isVisible()
        assert page.scroll.more.text() == "Xem thêm ▼"
        before = bar.value()
        tap(qtbot, page.scroll.more)
        assert bar.value() > before
    bar.setValue(bar.maximum())
    settle(qtbot)
    assert not page.scroll.more.isVisible()      # at the end: nothing more to see


def drag(widget, start: tuple[int, int], dy: int, qtbot) -> None:
    """A finger drag, as Qt delivers it from a touch screen (a left button held while moving)."""
    def send(kind, x, y, buttons):
        button = Qt.MouseButton.LeftButton if kind != QMouseEvent.Type.MouseMove else Qt.MouseButton.NoButton
        event = QMouseEvent(kind, QPointF(x, y), widget.mapToGlobal(QPointF(x, y)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)
    x, y = start
    held = Qt.MouseButton.LeftButton
    send(QMouseEvent.Type.MouseButtonPress, x, y, held)
    for step in range(1, 21):
        qtbot.wait(10)
        send(QMouseEvent.Type.MouseMove, x, y + dy * step // 20, held)
    send(QMouseEvent.Type.MouseButtonRelease, x, y + dy, Qt.MouseButton.NoButton)


def test_a_finger_drag_scrolls_the_page(qtbot, kiosk):
    app, flow = kiosk
    page = app.window.screen("forms_page")
    settle(qtbot)
    bar = page.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle(qtbot)
    if bar.maximum() == 0:
        pytest.skip("this page fits the screen: nothing to scroll")
    before = bar.value()
    view = page.scroll.viewport()
    drag(view, (view.width() // 2, 40), 300, qtbot)  # pull the page down: back towards the top
    qtbot.waitUntil(lambda: bar.value() < before)
