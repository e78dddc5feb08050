"""Checks of the devices: receipt printer, QR camera, document camera/scanner, card reader,
the voice.

Each opens its device the way the journeys do (the same settings, the same factories), asks
it one cheap question and closes it; the verdict says in plain words what a citizen would
meet. Details are technical facts only: status bits, sizes, reader names, never card data.
"""
from __future__ import annotations

from kiosk.diagnostics.result import CheckResult, fault, ok, warning

_PRINTER_WORDS = {
    "ok": ("Máy in sẵn sàng", "Printer ready"),
    "near_end": ("Giấy sắp hết: thay cuộn giấy mới", "Paper near end: load a new roll"),
    "paper_out": ("Máy in hết giấy", "Printer out of paper"),
    "cover_open": ("Nắp máy in đang mở", "Printer cover open"),
    "offline": ("Máy in đang ngoại tuyến (offline)", "Printer offline"),
    "unknown": ("Máy in không trả lời trạng thái", "Printer does not report its status"),
}


def printer(env) -> CheckResult:
    from devices.printer.printer import open_printer
    from devices.printer.status import PrinterState

    settings = env.config.printer
    try:
        dev = open_printer(settings)
    except Exception as exc:  # noqa: BLE001 - refused, unplugged, bad path: all a fault
        return fault("printer", "Không kết nối được máy in", "Cannot connect to the printer",
                     uri=settings.uri, state="unreachable", error=f"{type(exc).__name__}: {exc}"[:300])
    try:
        status = dev.status()
    except Exception as exc:  # noqa: BLE001
        return fault("printer", "Máy in không trả lời", "The printer does not answer",
                     uri=settings.uri, state="unreachable", error=f"{type(exc).__name__}: {exc}"[:300])
    finally:
        dev.close()
    state = status.state
    vi, en = _PRINTER_WORDS[state.value]
    details = {"uri": settings.uri, "state": state.value, "online": status.online,
               "paper": status.paper.value, "cover_open": status.cover_open,
               "error_bit": status.error}
    if env.store is not None:
        details.update(printer_history(env.store))
    if state is PrinterState.OK:
        return ok("printer", vi, en, **details)
    if state is PrinterState.NEAR_END:
        return warning("printer", vi, en, **details)
    return fault("printer", vi, en, **details)


def printer_history(store) -> dict:
    """The last recorded printer fault, and tickets printed since the paper was last out
    (or since the technician said "paper changed")."""
    from sqlalchemy import func, select

    from kiosk.technician.audit import recent
    from sync.store.models import DeviceFault, Ticket

    with store.session() as s:
        last = s.scalars(select(DeviceFault).where(DeviceFault.device == "printer")
                         .order_by(DeviceFault.id.desc()).limit(1)).first()
        out = s.scalars(select(DeviceFault.at).where(DeviceFault.device == "printer",
                                                     DeviceFault.kind == "paper_out")
                        .order_by(DeviceFault.id.desc()).limit(1)).first()
    changed = [e.at for e in recent(store, 1, actions=("paper_changed",))]
    since = max([t for t in (out, *changed) if t is not None], default=None)
    with store.session() as s:
        query = select(func.count()).select_from(Ticket).where(Ticket.status == "issued")
        if since is not None:
            query = query.where(Ticket.issued_at > since)
        count = s.scalar(query) or 0
    return {"last_error": f"{last.kind} {last.at:%d/%m %H:%M}" if last else "",
            "tickets_since_paper_change": count}


def qr_frames(env) -> str:
    """The frames the identity journey's simulated camera replays (same rule as its flow)."""
    s = env.config.idcard
    if s.camera == "simulator" and not s.camera_frames:
        from devices.sim.samples import tray_frames

        return str(tray_frames(env.config.kiosk.resolved_data_dir() / "sim-camera"))
    return s.camera_frames


def open_qr_camera(env):
    from devices.camera.capture import open_source

    s = env.config.idcard
    return open_source(s.camera, s.camera_device, qr_frames(env), s.camera_fps)


def qr_camera(env) -> CheckResult:
    s = env.config.idcard
    try:
        source = open_qr_camera(env)
    except Exception as exc:  # noqa: BLE001
        return fault("qr_camera", "Không mở được camera đọc mã QR", "Cannot open the QR camera",
                     camera=s.camera, error=f"{type(exc).__name__}: {exc}"[:300])
    try:
        frame = source.read()
    finally:
        source.close()
    if frame is None:
        return fault("qr_camera", "Camera đọc mã QR không cho hình", "The QR camera gives no picture",
                     camera=s.camera, device=s.camera_device)
    return ok("qr_camera", "Camera đọc mã QR cho hình", "QR camera gives pictures",
              camera=s.camera, size=f"{frame.shape[1]}×{frame.shape[0]}")


def scanner(env) -> CheckResult:
    from devices.scanner.capture import open_capture_device
    from devices.scanner.detect import detect_page

    s = env.config.scanner
    device = open_capture_device(s)
    try:
        device.open()
        frame = device.preview()
    except Exception as exc:  # noqa: BLE001 - CaptureDeviceError and driver errors alike
        return fault("scanner", "Không dùng được máy chụp/quét giấy tờ",
                     "The document camera/scanner cannot be used", backend=s.backend,
                     error=f"{type(exc).__name__}: {exc}"[:300])
    finally:
        device.close()
    page = detect_page(frame) if s.backend != "sane" else None
    return ok("scanner", "Máy chụp giấy tờ cho hình", "Document camera gives pictures",
              backend=s.backend, size=f"{frame.shape[1]}×{frame.shape[0]}",
              page_in_view=page is not None)


def card_reader(env) -> CheckResult:
    s = env.config.idcard
    if s.reader_backend == "simulator":  # the demo's card stack, whatever ``reader`` says
        return ok("card_reader", "Đầu đọc thẻ mô phỏng (trình diễn)", "Simulated card reader (demo)",
                  reader=s.reader or "Kiosk vpcd")
    if not s.reader:
        return ok("card_reader", "Không dùng đầu đọc thẻ (chỉ đọc mã QR)",
                  "No card reader configured (QR only)", reader="")
    from devices.idcard.errors import IdCardError
    from devices.idcard.pcsc import card_state, find_reader, list_readers

    try:
        readers = list_readers()
        name = find_reader(s.reader)
        present, atr = card_state(name)
    except IdCardError as exc:
        return fault("card_reader", "Không thấy đầu đọc thẻ căn cước", "Card reader not found",
                     wanted=s.reader, error=str(exc)[:300])
    details = {"readers": readers, "reader": name, "card_present": present}
    if present:  # the card's answer to reset: the chip's type, not its holder
        details["atr"] = atr.hex(" ").upper()
    return ok("card_reader", "Đầu đọc thẻ sẵn sàng", "Card reader ready", **details)


def sound_cards(listing: str | None = None) -> list[str]:
    """The sound cards ALSA knows (``/proc/asound/cards``: "0 [PCH ]: HDA-Intel - HDA
    Intel PCH" lines); a headset on USB is a card of its own. [] when there is none."""
    from devices.audio.headset import card_names

    if listing is None:
        try:
            with open("/proc/asound/cards", encoding="utf-8") as f:
                listing = f.read()
        except OSError:  # no ALSA at all (no sound driver loaded)
            return []
    return card_names(listing)


def voice(env) -> CheckResult:
    """Voice guidance, which a blind citizen cannot do without: the speech engine renders
    Vietnamese, a player and a sound card are there, and the running kiosk's speaker has not
    met a failure since it started (its first one is kept: ``Speaker.problem``). Nothing is
    played: the check runs while citizens stand at the kiosk."""
    from devices.audio.errors import SpeechUnavailable
    from devices.audio.player import find_player
    from devices.audio.tts import render_wav

    s = env.config.voice
    if not s.enabled:
        return ok("voice", "Giọng nói hướng dẫn đã tắt trong cấu hình",
                  "Voice guidance is switched off in the configuration", enabled=False)
    facts = {"engine": s.engine, "voice_vi": s.voice_vi}
    try:
        render_wav("Xin chào", "vi", s)
    except SpeechUnavailable as exc:
        return fault("voice", "Bộ đọc tiếng Việt (espeak-ng) thiếu hoặc hỏng",
                     "Speech engine (espeak-ng) missing or failing",
                     error=str(exc)[:300], **facts)
    player = find_player(s.player)
    if player is None:
        return fault("voice", "Thiếu chương trình phát âm thanh (aplay…)",
                     "No sound player installed (aplay…)", **facts)
    facts["player"] = player[0]
    cards = sound_cards()
    facts["sound_cards"] = ", ".join(cards) or "—"
    if not cards:
        return fault("voice", "Không thấy card âm thanh: không có tiếng",
                     "No sound card: the kiosk cannot speak", **facts)
    speaker = env.extra.get("speaker")
    problem = getattr(speaker, "problem", None)
    if problem:
        return warning("voice", "Loa đã gặp lỗi khi phát; xem chi tiết",
                       "The speaker failed to play; see the details", last_error=problem[:300], **facts)
    return ok("voice", "Giọng nói hướng dẫn sẵn sàng", "Voice guidance ready", **facts)
