"""What differs between device pages: titles, buttons, facts, the live view, the tests.

Kept apart from the page widget so the page stays one layout; the tests themselves are
Qt-free (:mod:`kiosk.diagnostics.device_tests`).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from kiosk.diagnostics import run_checks
from kiosk.diagnostics import device_tests as tests
from kiosk.screens.base import big_button


def _tr(text: str) -> str:
    return QCoreApplication.translate("DevicePages", text)


def titles(_screen=None) -> dict[str, str]:
    return {"printer": QCoreApplication.translate("DevicePages", "Receipt printer"), "qr_camera": QCoreApplication.translate("DevicePages", "QR camera"),
            "scanner": QCoreApplication.translate("DevicePages", "Document camera / scanner"), "card_reader": QCoreApplication.translate("DevicePages", "Card reader"),
            "voice": QCoreApplication.translate("DevicePages", "Voice and sound"),
            "central": QCoreApplication.translate("DevicePages", "Network and central"), "store": QCoreApplication.translate("DevicePages", "Store"),
            "software": QCoreApplication.translate("DevicePages", "Software"), "log": QCoreApplication.translate("DevicePages", "Log")}


def buttons(_screen, device: str) -> tuple[str, str]:
    """(test button, second button); empty = hidden."""
    return {"printer": (QCoreApplication.translate("DevicePages", "Print a test page (QR and cut)"), QCoreApplication.translate("DevicePages", "Paper roll changed")),
            "qr_camera": (QCoreApplication.translate("DevicePages", "Show a QR to the camera"), ""),
            "scanner": (QCoreApplication.translate("DevicePages", "Test capture"), ""),
            "card_reader": (QCoreApplication.translate("DevicePages", "Test read of a card"), ""),
            "voice": (QCoreApplication.translate("DevicePages", "Play a test sentence"), ""),
            "central": (QCoreApplication.translate("DevicePages", "Test the connection"), QCoreApplication.translate("DevicePages", "Send refused dossiers again")),
            "store": (QCoreApplication.translate("DevicePages", "Check the database"), ""),
            "software": (QCoreApplication.translate("DevicePages", "Check again"), ""),
            "log": (QCoreApplication.translate("DevicePages", "Refresh"), "")}.get(device, ("", ""))


_LABELS = {  # detail key -> its name on the page
    "uri": QT_TRANSLATE_NOOP("DevicePages", "Address"),
    "state": QT_TRANSLATE_NOOP("DevicePages", "State"),
    "online": QT_TRANSLATE_NOOP("DevicePages", "Online"),
    "paper": QT_TRANSLATE_NOOP("DevicePages", "Paper"),
    "cover_open": QT_TRANSLATE_NOOP("DevicePages", "Cover open"),
    "error_bit": QT_TRANSLATE_NOOP("DevicePages", "Error bit"),
    "last_error": QT_TRANSLATE_NOOP("DevicePages", "Last error"),
    "tickets_since_paper_change": QT_TRANSLATE_NOOP("DevicePages", "Tickets since paper change"),
    "camera": QT_TRANSLATE_NOOP("DevicePages", "Camera"),
    "size": QT_TRANSLATE_NOOP("DevicePages", "Picture size"),
    "backend": QT_TRANSLATE_NOOP("DevicePages", "Kind"),
    "page_in_view": QT_TRANSLATE_NOOP("DevicePages", "Page in view"),
    "readers": QT_TRANSLATE_NOOP("DevicePages", "Readers"),
    "reader": QT_TRANSLATE_NOOP("DevicePages", "Reader"),
    "card_present": QT_TRANSLATE_NOOP("DevicePages", "Card present"),
    "atr": QT_TRANSLATE_NOOP("DevicePages", "ATR"),
    "engine": QT_TRANSLATE_NOOP("DevicePages", "Speech engine"),
    "voice_vi": QT_TRANSLATE_NOOP("DevicePages", "Vietnamese voice"),
    "player": QT_TRANSLATE_NOOP("DevicePages", "Player"),
    "seconds": QT_TRANSLATE_NOOP("DevicePages", "Length (s)"),
    "sound_cards": QT_TRANSLATE_NOOP("DevicePages", "Sound cards"),
    "url": QT_TRANSLATE_NOOP("DevicePages", "Central"),
    "queue_depth": QT_TRANSLATE_NOOP("DevicePages", "Dossiers waiting"),
    "parked": QT_TRANSLATE_NOOP("DevicePages", "Refused (parked)"),
    "delivered": QT_TRANSLATE_NOOP("DevicePages", "Delivered"),
    "last_sync": QT_TRANSLATE_NOOP("DevicePages", "Last successful sync"),
    "clock_skew_s": QT_TRANSLATE_NOOP("DevicePages", "Clock skew (s)"),
    "cert_days_left": QT_TRANSLATE_NOOP("DevicePages", "Certificate days left"),
    "data_dir": QT_TRANSLATE_NOOP("DevicePages", "Data folder"),
    "free_mb": QT_TRANSLATE_NOOP("DevicePages", "Free disk (MB)"),
    "key": QT_TRANSLATE_NOOP("DevicePages", "Encryption key"),
    "integrity": QT_TRANSLATE_NOOP("DevicePages", "Database integrity"),
    "retention_backlog": QT_TRANSLATE_NOOP("DevicePages", "Waiting for purge"),
    "retention_overdue": QT_TRANSLATE_NOOP("DevicePages", "Past retention, not purged"),
    "version": QT_TRANSLATE_NOOP("DevicePages", "Version"),
    "catalog": QT_TRANSLATE_NOOP("DevicePages", "Procedure catalog"),
    "system_uptime_h": QT_TRANSLATE_NOOP("DevicePages", "System up (h)"),
    "app_uptime_min": QT_TRANSLATE_NOOP("DevicePages", "App up (min)"),
    "starts_24h": QT_TRANSLATE_NOOP("DevicePages", "App starts in 24 h"),
    "unclean_exits_24h": QT_TRANSLATE_NOOP("DevicePages", "Crashes or power cuts in 24 h"),
    "error": QT_TRANSLATE_NOOP("DevicePages", "Error"),
    "timeout_s": QT_TRANSLATE_NOOP("DevicePages", "Deadline (s)"),
    "http_status": QT_TRANSLATE_NOOP("DevicePages", "HTTP status"),
    }


def facts_text(details: dict, device: str, store) -> str:
    lines = [f"{_tr(_LABELS.get(k, k))}: {_value(v)}" for k, v in details.items()]
    if device == "central" and store is not None:
        from sync.state import sync_status

        for item in sync_status(store, max_items=5).failing_items:
            lines.append(f"  {item.dossier_code} [{item.state}] {item.last_error[:60]}")
    return "\n".join(lines)


def _value(v) -> str:
    if isinstance(v, bool):
        return QCoreApplication.translate("DevicePages", "yes") if v else QCoreApplication.translate("DevicePages", "no")
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "—"
    return "—" if v in (None, "") else str(v)


@dataclass
class DigitRow:
    layout: QHBoxLayout
    buttons: list[QPushButton]

    def set_visible(self, visible: bool) -> None:
        for button in self.buttons:
            button.setVisible(visible)


def digit_row(on_key) -> DigitRow:
    """0-9 and erase in one row: the card's CAN, typed by the technician."""
    row = QHBoxLayout()
    row.setSpacing(8)
    buttons = []
    for key in [*"1234567890", "erase"]:
        button = big_button("⌫" if key == "erase" else key, role="secondary")
        button.setObjectName(f"tech_can_{key}")
        button.setMinimumHeight(64)
        button.setStyleSheet("min-width: 64px; font-size: 28px;")  # eleven in a row on 1280 px
        button.clicked.connect(lambda _=False, k=key: on_key(k))
        row.addWidget(button)
        buttons.append(button)
    return DigitRow(row, buttons)


def open_live(device: str, env):
    """The camera for the live view (called on a device-pool thread)."""
    if device == "qr_camera":
        from kiosk.diagnostics.device_checks import open_qr_camera

        return open_qr_camera(env)
    from devices.scanner.capture import open_capture_device

    camera = open_capture_device(env.config.scanner)
    camera.open()
    return camera


def live_frame(device: str, source):
    """One frame; the document camera's with the detected page outlined."""
    if device == "qr_camera":
        return source.read()
    import cv2

    from devices.scanner.detect import detect_page

    frame = source.preview()
    page = detect_page(frame)
    if page is not None:
        frame = frame.copy()
        cv2.polylines(frame, [page.quad.astype("int32")], True, (0, 200, 0), max(4, frame.shape[1] // 200))
    return frame


def _as_outcome(result) -> tests.DeviceTestResult:
    return tests.DeviceTestResult(result.status.value != "fault", result.vi, result.en, result.details)


def test_fn(device: str, env, config, can: str):
    if device == "printer":
        return lambda: tests.print_test_page(config)
    if device == "qr_camera":
        return lambda cancel: tests.qr_test(env, 5.0, cancel)
    if device == "scanner":
        return lambda: tests.capture_test(env)
    if device == "card_reader":
        return lambda: tests.card_test_read(env, can)
    if device == "voice":
        return lambda cancel: tests.sound_test(config, cancel)
    if device in ("central", "store", "software"):
        timeout = config.technician.check_timeout_s
        return lambda: _as_outcome(run_checks(env, [device], timeout)[0])
    if device == "log":
        from kiosk.diagnostics.logbuffer import install

        return lambda: tests.DeviceTestResult(True, "\n".join(install().last(8)), "\n".join(install().last(8)))
    return None


def third_fn(device: str, env):
    """The central page's export of refused dossiers for the counter; None elsewhere."""
    return (lambda: tests.export_parked(env)) if device == "central" else None


def second_fn(device: str, env):
    if device == "printer":
        from kiosk.technician import audit

        def changed():
            audit.record(env.store, "paper_changed")
            return tests.DeviceTestResult(True, "Đã ghi nhận thay cuộn giấy", "Paper change noted")
        return changed
    if device == "central":
        from sync.state import retry

        def again():
            count = retry(env.store, "all")
            return tests.DeviceTestResult(True, f"Đã đưa {count} hồ sơ vào hàng gửi lại",
                                     f"{count} dossier(s) queued to be sent again")
        return again
    return None
