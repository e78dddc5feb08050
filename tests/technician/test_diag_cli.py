"""`kiosk diag`: the same checks as the panel, headless, with exit codes for monitoring.

Real parts: the ESC/POS emulator on 127.0.0.1, the reference central on loopback, the
kiosk's own store; the simulated cameras. No Qt is imported.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from kiosk.config import load
from kiosk.diagnostics import DiagEnv, run_checks
from kiosk.diagnostics.result import Status


def diag(config_path, *extra: str) -> tuple[int, dict, str]:
    code = ("import sys; from kiosk.cli import main; rc = main(sys.argv[1:]); "
            "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), 'Qt imported'; "
            "sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, "diag", "--json", "--config", str(config_path), *extra],
                          capture_output=True, text=True, timeout=120)
    assert "Qt imported" not in done.stderr
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else {}, done.stderr


def by_name(report: dict) -> dict:
    return {c["name"]: c for c in report["checks"]}


def test_everything_ok_against_the_emulators(write_config, printer_emulator, central_url, open_kiosk_store):
    # voice off: a sound card is hardware no emulator stands in for (see the voice tests)
    path = write_config(printer_emulator.uri, central=central_url, voice=False)
    open_kiosk_store(load(path, environ={})).close()  # the kiosk has run once: store and key exist
    rc, report, err = diag(path)
    assert rc == 0, json.dumps(report, ensure_ascii=False)
    checks = by_name(report)
    assert set(checks) == {"printer", "qr_camera", "scanner", "card_reader", "voice", "central", "store",
                           "software"}
    assert checks["voice"]["details"]["enabled"] is False
    assert {n: c["status"] for n, c in checks.items() if c["status"] != "ok"} == {}
    assert checks["printer"]["details"]["paper"] == "ok"
    assert checks["central"]["details"]["queue_depth"] == 0
    assert isinstance(checks["central"]["details"]["clock_skew_s"], int)  # measured; no warning above
    assert checks["store"]["details"]["integrity"] == "ok"


def test_a_stopped_printer_is_a_fault_and_exit_1(write_config, printer_emulator):
    uri = printer_emulator.uri
    printer_emulator.stop()
    rc, report, _ = diag(write_config(uri), "--only", "printer,card_reader")
    assert rc == 1
    checks = by_name(report)
    assert checks["printer"]["status"] == "fault"
    assert "máy in" in checks["printer"]["vi"].lower() and checks["printer"]["en"]
    assert checks["card_reader"]["status"] == "ok"


def test_paper_out_is_said_in_plain_words(write_config, printer_emulator):
    printer_emulator.set_mode("paper_out")
    rc, report, _ = diag(write_config(printer_emulator.uri), "--only", "printer")
    assert rc == 1
    assert by_name(report)["printer"]["vi"] == "Máy in hết giấy"


def test_a_broken_configuration_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[printer]\nuri = 'carrier-pigeon://x'\n")
    rc, report, _ = diag(bad)
    assert rc == 2 and "config_error" in report
    rc, _, err = diag(bad, "--only", "toaster")
    assert rc == 2 and "toaster" in err


def test_a_hanging_printer_is_reported_in_bounded_time(write_config, printer_emulator):
    # the silent emulator never answers DLE EOT: with a 10 s status timeout the driver would
    # wait 40 s; the check is cut at its own deadline and said to hang
    printer_emulator.set_mode("silent")
    config = load(write_config(printer_emulator.uri, status_timeout=10, check_timeout=1), environ={})
    [result] = run_checks(DiagEnv(config), ["printer"], config.technician.check_timeout_s)
    assert result.status is Status.FAULT and "treo" in result.vi and "hanging" in result.en


class _Garbage(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"<html>proxy login</html>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_central_answering_garbage_is_named(write_config, printer_emulator):
    server = HTTPServer(("127.0.0.1", 0), _Garbage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        config = load(write_config(printer_emulator.uri, central=url), environ={})
        [result] = run_checks(DiagEnv(config), ["central"])
    finally:
        server.shutdown()
        server.server_close()
    assert result.status is Status.WARNING
    assert result.en == "The central system answered something unexpected"
    with socket.socket() as s:  # and an unreachable one is a warning too, not a crash
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    config = load(write_config(printer_emulator.uri, central=closed), environ={})
    [result] = run_checks(DiagEnv(config), ["central"])
    assert result.status is Status.WARNING and "unreachable" in result.en


def test_the_voice_check_names_what_a_blind_citizen_would_miss(write_config, printer_emulator):
    """Real espeak-ng and player; the verdict on sound cards is this machine's own: CI's
    machines and this one have none, a kiosk has one."""
    from kiosk.diagnostics.device_checks import sound_cards

    rc, report, _ = diag(write_config(printer_emulator.uri), "--only", "voice")
    voice = by_name(report)["voice"]
    assert voice["details"]["engine"] == "espeak-ng" and voice["details"]["player"].endswith(("aplay", "paplay", "pw-play"))
    if sound_cards():
        assert (rc, voice["status"]) == (0, "ok")
    else:
        assert (rc, voice["status"]) == (1, "fault")
        assert voice["vi"] == "Không thấy card âm thanh: không có tiếng" and voice["details"]["sound_cards"] == "—"


def test_a_missing_speech_engine_is_a_voice_fault(write_config, printer_emulator):
    env = DiagEnv(load(write_config(printer_emulator.uri), environ={}))
    env.config.voice.engine = "no-such-espeak"
    [result] = run_checks(env, ["voice"])
    assert result.status is Status.FAULT and "espeak-ng" in result.vi


def test_sound_cards_are_read_from_alsas_listing():
    from kiosk.diagnostics.device_checks import sound_cards

    listing = (" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
               "                      HDA Intel PCH at 0xf7f10000 irq 33\n"
               " 1 [Headset        ]: USB-Audio - USB Headset\n"
               "                      Logitech USB Headset at usb-0000:00:14.0-2, full speed\n")
    assert sound_cards(listing) == ["HDA-Intel - HDA Intel PCH", "USB-Audio - USB Headset"]
    assert sound_cards("--- no soundcards ---\n") == []


def test_a_failure_the_speaker_met_is_shown(write_config, printer_emulator, monkeypatch):
    """The speaker's first failure (kept by ``Speaker.problem``) turns the row amber even
    with a sound card present; the card list is stood in for, as this machine has none."""
    from kiosk.diagnostics import device_checks

    monkeypatch.setattr(device_checks, "sound_cards", lambda: ["USB-Audio - USB Headset"])
    env = DiagEnv(load(write_config(printer_emulator.uri), environ={}))
    env.extra["speaker"] = type("Speaker", (), {"problem": "player exit 1: device busy"})()
    [result] = run_checks(env, ["voice"])
    assert result.status is Status.WARNING and result.details["last_error"] == "player exit 1: device busy"


def test_the_demo_card_reader_is_named_as_simulated(write_config, printer_emulator):
    """The demo reads a simulated card whatever ``reader`` says: the row must not claim
    "QR only" while the identity step waits for a chip."""
    env = DiagEnv(load(write_config(printer_emulator.uri), environ={}))
    env.config.idcard.reader_backend = "simulator"
    [result] = run_checks(env, ["card_reader"])
    assert result.status is Status.OK and result.en == "Simulated card reader (demo)"
    assert result.details["reader"] == "Kiosk vpcd"
