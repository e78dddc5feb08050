"""A citizen who cannot read the screen well, or at all, or who needs time or help."""
from __future__ import annotations

import pytesseract
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton


def tap(qtbot, window, name):
    button = window.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), f"no visible button {name}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def key(window, k):
    QApplication.sendEvent(window.current(), QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier))


def test_each_screen_is_spoken_when_it_shows_and_nghe_lai_unmutes(qtbot, kiosk):
    w, speaker = kiosk.window, kiosk.window.access.speaker
    tap(qtbot, w, "tile_take_number")
    qtbot.waitUntil(lambda: "Bạn cần làm thủ tục lĩnh vực nào" in speaker.last_text)
    tap(qtbot, w, "access_mute")
    assert speaker.muted and w.access_bar.mute.text() == "Bật tiếng"
    tap(qtbot, w, "access_replay")
    assert not speaker.muted and w.access_bar.mute.text() == "Tắt tiếng"
    # no sound card on this machine: the kiosk says nothing, keeps the reason, carries on
    qtbot.waitUntil(lambda: speaker.problem is not None, timeout=10_000)
    tap(qtbot, w, "service_CUTRU")
    assert w.current().name == "queue_priority"


def test_help_prints_a_call_slip_and_tells_the_citizen(qtbot, kiosk, printer_emulator):
    w = kiosk.window
    tap(qtbot, w, "tile_take_number")
    tap(qtbot, w, "access_help")
    assert w.help.isVisible() and not w.idle.enabled  # no countdown while help is coming
    job = printer_emulator.wait_for_jobs(1, timeout=15)[0]
    assert job.printed and job.cut
    text = pytesseract.image_to_string(Image.open(job.png_path), lang="vie")
    assert "kiosk-01" in text and "take_number" in text
    qtbot.waitUntil(lambda: w.help.state == "called")
    assert "Đã gọi cán bộ" in w.help.message.text()
    tap(qtbot, w, "help_close")
    assert w.current().name == "take_number" and w.idle.enabled


def test_help_without_a_printer_sends_the_citizen_to_the_counter(qtbot, kiosk, printer_emulator):
    printer_emulator.stop()
    tap(qtbot, kiosk.window, "access_help")
    qtbot.waitUntil(lambda: kiosk.window.help.state == "walk", timeout=15_000)
    assert "quầy hướng dẫn" in kiosk.window.help.message.text()


def _form_page(kiosk):
    from kiosk.screens.forms.shots import _first_page
    _first_page(kiosk)
    assert kiosk.window.current().name == "forms_page"


def test_a_half_filled_declaration_survives_more_time(qtbot, kiosk):
    w, cfg = kiosk.window, kiosk.ctx.config.kiosk
    assert cfg.idle_timeout_long_s >= 120 and cfg.idle_countdown_s >= 30
    cfg.idle_timeout_long_s = 0.2  # read by each screen as it shows
    w.idle._tick.setInterval(200)
    _form_page(kiosk)
    field = next(e for e in w.current().findChildren(QLineEdit) if not e.isReadOnly() and e.isVisible())
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "0912345678")
    answers = repr(kiosk.dossier.forms_flow.journey.session.values)
    assert "0912345678" in answers
    qtbot.waitUntil(lambda: w.overlay.isVisible(), timeout=5000)
    assert w.overlay.seconds.text() in {f"Còn {n} giây" for n in range(25, 31)}
    assert "Tôi cần thêm thời gian" in w.overlay.more.text() and w.overlay.end.text() == "Kết thúc"
    cfg.idle_timeout_long_s = 600
    tap(qtbot, w, "idle_more")
    assert not w.overlay.isVisible() and field.text() == "0912345678"
    assert repr(kiosk.dossier.forms_flow.journey.session.values) == answers
    assert w.current().name == "forms_page"


def test_finish_ends_the_session_at_once(qtbot, kiosk):
    w = kiosk.window
    _form_page(kiosk)
    w._ask_more_time()
    w.idle._start_countdown()
    tap(qtbot, w, "idle_end")
    assert w.current().name == "home" and not w.overlay.isVisible()
    assert kiosk.dossier.forms_flow.journey.state.session is None


def test_audio_mode_drives_a_screen_from_a_keypad(qtbot, kiosk):
    w, speaker = kiosk.window, kiosk.window.access.speaker
    assert w.current().name == "home"
    key(w, Qt.Key.Key_Down)  # any navigation key turns audio mode on
    assert w.access.audio_mode and w.navigator.frame.isVisible()
    order = [w.navigator.current]
    for _ in range(len(w.navigator.targets()) - 1):
        key(w, Qt.Key.Key_Tab)
        order.append(w.navigator.current)
    names = [b.objectName() for b in order]
    assert names.index("tile_take_number") < names.index("tile_submit_dossier")  # reading order
    assert names[0] == "access_replay"  # the top bar first
    while w.navigator.current.objectName() != "tile_take_number":
        key(w, Qt.Key.Key_Up)
    assert speaker.last_text == "Nút Lấy số thứ tự"
    frame, target = w.navigator.frame.geometry(), w.navigator.current
    assert frame.contains(target.mapTo(w, target.rect().center()))
    key(w, Qt.Key.Key_Return)
    assert w.current().name == "take_number"
    kiosk.ctx.wipe_session()
    assert not w.access.audio_mode and not w.navigator.frame.isVisible()


def test_plugging_in_a_headset_starts_audio_mode(qtbot, kiosk, tmp_path):
    """The headset probe reads this machine's /dev/input and /proc/asound, which have no jack
    and no card: a USB headset's line in a cards listing stands in for the plug (the jack's
    ioctl path is tested in tests/access/test_headset.py)."""
    w, speaker = kiosk.window, kiosk.window.access.speaker
    cards = tmp_path / "cards"
    cards.write_text(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n", "utf-8")
    w.access.headset.cards_file, w.access.headset.input_root = cards, tmp_path / "no-input"
    w.access.check_headset()
    assert not w.access.audio_mode  # a built-in sound card is not a headset
    cards.write_text(cards.read_text("utf-8") + " 1 [Headset        ]: USB-Audio - USB Headset\n", "utf-8")
    qtbot.waitUntil(lambda: w.access.audio_mode, timeout=5000)  # the kiosk's own 2-s watch
    assert speaker.last_text.startswith("Đã bật chế độ âm thanh")
    key(w, Qt.Key.Key_Tab)
    assert w.navigator.frame.isVisible() and speaker.last_text.startswith("Nút ")
    kiosk.ctx.wipe_session()  # the next citizen: the headset still hangs there, no audio mode
    w.access.check_headset()
    assert not w.access.audio_mode


def test_larger_text_and_contrast_are_per_session(qtbot, kiosk):
    w = kiosk.window
    tile = w.findChild(QPushButton, "tile_take_number")
    before_font = tile.font().pixelSize()
    before = tile.grab().toImage().pixelColor(20, tile.height() // 2).name()
    tap(qtbot, w, "access_contrast")
    tap(qtbot, w, "access_large")
    after = tile.grab().toImage().pixelColor(20, tile.height() // 2).name()
    assert before == "#0b3d91" and after == "#ffd400"
    assert tile.font().pixelSize() > before_font
    kiosk.ctx.wipe_session()  # the next citizen starts plain
    assert tile.grab().toImage().pixelColor(20, tile.height() // 2).name() == before
    assert tile.font().pixelSize() == before_font


def test_a_wait_longer_than_300_ms_shows_motion_and_is_spoken(qtbot, kiosk):
    import threading

    from kiosk.tasks import run_task

    w, release = kiosk.window, threading.Event()
    kiosk.ctx.go("take_number")
    run_task(lambda: release.wait(30))  # the printer, the network … taking its time
    qtbot.waitUntil(w.busy.isVisible, timeout=3000)
    first = w.busy.angle
    qtbot.waitUntil(lambda: w.busy.angle != first)  # it turns
    qtbot.waitUntil(lambda: w.access.speaker.last_text == "Xin vui lòng chờ", timeout=8000)
    release.set()
    qtbot.waitUntil(lambda: not w.busy.isVisible(), timeout=3000)


def test_waiting_for_the_citizen_is_not_a_wait(qtbot, kiosk):
    """A card on the reader, a QR under the camera: the citizen acts, no "please wait"."""
    import threading

    from kiosk.tasks import Cancel, longest_wait_s, run_task

    started, card = threading.Event(), Cancel()
    run_task(lambda cancel: (started.set(), card.wait(30)), cancel=card, pool="device")
    assert started.wait(10)
    assert longest_wait_s() == 0.0
    card.set()
