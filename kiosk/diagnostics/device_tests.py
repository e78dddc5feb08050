"""The tests a technician runs from a device's page (and the self-test report).

Each is Qt-free, takes a ``cancel`` event where it waits, and returns a ``DeviceTestResult``: a
verdict in plain words plus technical facts. Nothing personal leaves a test: a card read
reports how it went (access method, passive-authentication verdict, APDU count, time) and
wipes the identity; an ID card's QR is reported as "an ID card QR", never its content.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.diagnostics.result import CheckResult


@dataclass
class DeviceTestResult:
    ok: bool
    vi: str
    en: str
    details: dict[str, Any] = field(default_factory=dict)
    image: Any = None  # a BGR frame for the page to show (camera tests), never stored

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def _failed(exc: BaseException, vi: str, en: str) -> DeviceTestResult:
    said_vi, said_en = getattr(exc, "vi", ""), getattr(exc, "en", "")
    return DeviceTestResult(False, f"{vi}. {said_vi}".strip(), f"{en}. {said_en}".strip(),
                       {"error": f"{type(exc).__name__}: {exc}"[:300]})


def print_test_page(config) -> DeviceTestResult:
    """The test page (Vietnamese, a QR, the cut) on the configured printer."""
    from devices.printer.layouts import test_page_layout
    from devices.printer.printer import open_printer

    stamp = f"{datetime.now():%d/%m/%Y %H:%M:%S}"
    try:
        with open_printer(config.printer) as printer:
            before = printer.status()
            outcome = printer.print_layout(test_page_layout(), {
                "uri": config.printer.uri, "paper_width_mm": config.printer.paper_width_mm,
                "raster_dots": printer.raster_width,
                "qr_mode": "GS ( k" if printer.native_qr else "ảnh", "status_before": before.state.value,
                "printed_at": stamp, "qr_payload": f"KIOSK-TEST|{int(time.time())}"})
    except Exception as exc:  # noqa: BLE001 - unplugged mid-test included
        return _failed(exc, "Không in được trang thử", "The test page did not print")
    details = {"result": outcome.result.value, "bytes": outcome.bytes_sent,
               "ms": round(outcome.duration_s * 1000), "cut": True,
               "status_after": outcome.status_after.state.value}
    if outcome.ok:
        return DeviceTestResult(True, "Đã in trang thử có mã QR và cắt giấy", "Test page printed with a QR and cut",
                           details)
    err = outcome.error
    return DeviceTestResult(False, f"Không in được: {getattr(err, 'vi', '')}", f"Not printed: {getattr(err, 'en', '')}",
                       details)


def qr_test(env, seconds: float = 5.0, cancel: threading.Event | None = None) -> DeviceTestResult:
    """"Show a QR": decode the QR camera's frames until a code or ``seconds`` pass."""
    from devices.camera.qr_decoders import make_decoder, to_gray
    from kiosk.diagnostics.device_checks import open_qr_camera

    cancel = cancel or threading.Event()
    try:
        source = open_qr_camera(env)
    except Exception as exc:  # noqa: BLE001
        return _failed(exc, "Không mở được camera", "Cannot open the camera")
    decoder = make_decoder(env.config.idcard.qr_decoder)
    deadline, frames, last = time.monotonic() + seconds, 0, None
    try:
        while time.monotonic() < deadline and not cancel.is_set():
            frame = source.read()
            if frame is None:
                return DeviceTestResult(False, "Camera ngừng cho hình giữa chừng", "The camera stopped giving pictures",
                                   {"frames": frames})
            frames, last = frames + 1, frame
            codes = decoder.decode(to_gray(frame))
            if codes:
                return DeviceTestResult(True, *_describe_code(codes[0]), {"frames": frames}, last)
    finally:
        source.close()
    if cancel.is_set():
        return DeviceTestResult(False, "Đã dừng", "Stopped", {"frames": frames}, last)
    return DeviceTestResult(False, "Không thấy mã (no code)", "No code seen", {"frames": frames}, last)


def _describe_code(text: str) -> tuple[str, str]:
    from devices.idcard.errors import IdCardError
    from devices.idcard.qr import parse_qr_payload

    try:
        parse_qr_payload(text)
    except (IdCardError, ValueError):
        shown = text[:40]
        return f"Đọc được mã QR: {shown}", f"QR code read: {shown}"
    return ("Đọc được mã QR của thẻ căn cước (nội dung không hiển thị)",
            "ID card QR read (content not shown)")


def capture_test(env) -> DeviceTestResult:
    """A still from the document camera/scanner with the page outline and quality verdicts."""
    import cv2

    from devices.scanner.capture import open_capture_device
    from devices.scanner.detect import detect_page
    from devices.scanner.quality import assess

    device = open_capture_device(env.config.scanner)
    try:
        device.open()
        frame = device.still()
    except Exception as exc:  # noqa: BLE001
        return _failed(exc, "Không chụp được", "Capture failed")
    finally:
        device.close()
    page = detect_page(frame)
    issues = assess(frame, page)
    shown = frame.copy()
    if page is not None:
        cv2.polylines(shown, [page.quad.astype("int32")], True, (0, 200, 0), max(4, frame.shape[1] // 300))
    details = {"size": f"{frame.shape[1]}×{frame.shape[0]}", "page_found": page is not None,
               "issues": [i.code for i in issues]}
    if not issues:
        return DeviceTestResult(True, "Ảnh chụp đạt: thấy trang giấy, rõ nét", "Capture good: page found, sharp",
                           details, shown)
    return DeviceTestResult(False, " ".join(i.vi for i in issues), " ".join(i.en for i in issues), details, shown)


def sound_test(config, cancel: threading.Event | None = None) -> DeviceTestResult:
    """A sentence spoken through the configured player, waited for: the technician hears
    it, or reads why not (the player's own first line of error)."""
    import io
    import tempfile
    import wave
    from pathlib import Path

    from devices.audio.errors import SpeechUnavailable
    from devices.audio.player import Player, find_player
    from devices.audio.tts import render_wav

    s = config.voice
    player = Player(find_player(s.player))
    if not player.available:
        return DeviceTestResult(False, "Không có chương trình phát âm thanh", "No sound player installed")
    try:
        wav = render_wav("Đây là thử loa của máy. Xin chào quý khách.", "vi", s)
    except SpeechUnavailable as exc:
        return _failed(exc, "Không đọc được tiếng Việt", "No Vietnamese speech")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "test.wav"
        path.write_bytes(wav)
        proc = player.play(path)
        deadline = time.monotonic() + 15
        while proc.poll() is None and time.monotonic() < deadline and not (cancel and cancel.is_set()):
            time.sleep(0.05)
        player.stop()
    with wave.open(io.BytesIO(wav)) as spoken:
        details = {"player": player.argv[0], "seconds": round(spoken.getnframes() / spoken.getframerate(), 1)}
    if proc.returncode == 0:
        return DeviceTestResult(True, "Đã phát câu thử: nghe thấy là loa tốt",
                                "Test sentence played: if you heard it, the speaker works", details)
    error = (proc.stderr.read() if proc.stderr else b"").decode("utf-8", "replace").strip().splitlines()
    details["error"] = (error[-1] if error else f"exit {proc.returncode}")[:300]
    return DeviceTestResult(False, "Không phát được âm thanh", "Could not play sound", details)


def card_test_read(env, can: str, timeout_s: float = 10.0) -> DeviceTestResult:
    """Read a (test) card with its CAN; report how, never who."""
    from pathlib import Path

    from devices.idcard.errors import IdCardError
    from devices.idcard.pcsc import PcscTransport, find_reader
    from devices.idcard.reading import AccessKey, read_identity

    s = env.config.idcard
    master = Path(s.master_list_dir) if s.master_list_dir else None
    started = time.perf_counter()
    try:
        name = find_reader(env.extra.get("reader") or s.reader)
        with PcscTransport(name).connect(timeout=timeout_s) as transport:
            atr = transport.atr().hex(" ").upper()
            result = read_identity(transport.transmit, AccessKey(can=can), read_photo=False,
                                   master_list_dir=master, extended=s.extended_length,
                                   reader_max=transport.reader_max_response(), reject_expired=False)
    except IdCardError as exc:
        return _failed(exc, "Đọc thẻ không thành công", "The card read failed")
    result.identity.wipe()
    details = {"reader": name, "atr": atr, "access": result.access,
               "passive_authentication": result.pa.status.value, "apdus": result.apdus,
               "ms": round((time.perf_counter() - started) * 1000)}
    return DeviceTestResult(True, f"Đọc thẻ thành công ({result.access}, {result.apdus} lệnh APDU)",
                       f"Card read ({result.access}, {result.apdus} APDUs)", details)


def _literal(text: str) -> str:
    """Layout text is a ``str.format`` template: keep braces in a reason as they are."""
    return text.replace("{", "{{").replace("}", "}}")


def self_test_report(config, results: list[CheckResult]) -> DeviceTestResult:
    """Every check's verdict printed on the receipt printer, for the maintenance folder."""
    from devices.printer.layouts import Cut, Feed, Separator, Text
    from devices.printer.printer import open_printer

    layout = (Text("BÁO CÁO TỰ KIỂM TRA", size=30, bold=True, align="center"),
              Text("{kiosk} - {at}", size=20, align="center"), Separator(),
              *(Text(_literal(f"{r.name}: {r.status.value.upper()} - {r.vi}"), size=20) for r in results),
              Feed(60), Cut())
    try:
        with open_printer(config.printer) as printer:
            outcome = printer.print_layout(layout, {"kiosk": config.kiosk.id,
                                                    "at": f"{datetime.now():%d/%m/%Y %H:%M}"})
    except Exception as exc:  # noqa: BLE001
        return _failed(exc, "Không in được báo cáo", "The report did not print")
    if outcome.ok:
        return DeviceTestResult(True, "Đã in báo cáo tự kiểm tra", "Self-test report printed")
    return DeviceTestResult(False, f"Không in được: {getattr(outcome.error, 'vi', '')}",
                       f"Not printed: {getattr(outcome.error, 'en', '')}")


def export_parked(env) -> DeviceTestResult:
    """The refused (parked) dossiers as a CSV for the counter: code, procedure, when received,
    attempts and the central's reason; no applicant data (the counter finds the dossier by
    its code). Written to ``<data_dir>/exports``."""
    import csv

    from sqlalchemy import select

    from sync.store.models_dossier import Dossier
    from sync.store.models_sync import OutboxItem

    with env.store.session() as s:
        rows = s.execute(select(Dossier.code, Dossier.procedure_name, Dossier.received_at_text,
                                OutboxItem.attempts, OutboxItem.last_error)
                         .join(OutboxItem, OutboxItem.ref_id == Dossier.id)
                         .where(OutboxItem.state == "failed").order_by(OutboxItem.id)).all()
    folder = env.config.kiosk.resolved_data_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"parked-{datetime.now():%Y%m%d-%H%M%S}.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:  # the BOM: Excel reads UTF-8
        writer = csv.writer(f)
        writer.writerow(["ma_ho_so", "thu_tuc", "tiep_nhan", "so_lan_gui", "ly_do"])
        writer.writerows([code, name, received, attempts, (error or "")[:200]]
                         for code, name, received, attempts, error in rows)
    return DeviceTestResult(True, f"Đã xuất {len(rows)} hồ sơ bị từ chối: {path}",
                            f"{len(rows)} refused dossier(s) exported: {path}", {"file": str(path)})
