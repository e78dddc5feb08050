"""The kiosk command: headless subcommands import no Qt; bad input gets a clear message."""
from __future__ import annotations

import os
import subprocess
import sys

KIOSK = [sys.executable, "-m", "kiosk"]


def run(*args, env=None):
    return subprocess.run([*KIOSK, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_version_runs_without_importing_qt():
    code = ("import sys; from kiosk.cli import main; main(['version']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "motcua-kiosk" in result.stdout


def test_config_check_names_the_bad_key(tmp_path):
    bad = tmp_path / "kiosk.toml"
    bad.write_text("[queue]\nservices = []\n", "utf-8")
    result = run("config", "check", str(bad))
    assert result.returncode == 2
    assert "queue.services" in result.stderr


def test_run_without_a_display_says_how_to_get_one():
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    result = run("run", env=env)
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr


def test_screenshot_renders_every_screen_in_both_languages(tmp_path):
    result = run("screenshot", "--out", str(tmp_path), "--size", "1280x800")
    assert result.returncode == 0, result.stderr[-2000:]
    names = {p.name for p in tmp_path.glob("*.png")}
    from PIL import Image
    oversized = [p.name for p in tmp_path.glob("*.png") if Image.open(p).size != (1280, 800)]
    assert oversized == [], "screens that do not fit a 1280×800 kiosk screen"
    for lang in ("vi", "en"):
        assert {f"{lang}_home.png", f"{lang}_queue_ticket.png", f"{lang}_idle_countdown.png"} <= names


def test_rotate_key_and_faults_for_the_technician(tmp_path):
    env = {"KIOSK__KIOSK__DATA_DIR": str(tmp_path / "data"), "KIOSK__KIOSK__KEY_FILE": str(tmp_path / "k.key")}
    from kiosk.config import EXAMPLE
    first = run("store", "--config", str(EXAMPLE), "faults", env=env)
    assert first.returncode == 0 and "no device faults" in first.stdout
    rotated = run("store", "--config", str(EXAMPLE), "rotate-key", env=env)
    import json
    import re
    new_id = re.search(r"with key (\d+);", rotated.stdout)
    assert rotated.returncode == 0 and new_id, rotated.stdout
    assert list(json.loads((tmp_path / "k.key").read_text())["keys"]) == [new_id.group(1)]


def test_ratings_summary_for_the_technician(tmp_path):
    from datetime import datetime, timezone

    from kiosk.config import EXAMPLE
    from sync.store import open_store
    from sync.store.models_rating import Rating
    store = open_store(tmp_path / "data" / "kiosk.db", tmp_path / "k.key")
    with store.session() as s:
        for level, reasons in (("very_satisfied", []), ("satisfied", []), ("unsatisfied", ["waiting"])):
            s.add(Rating(at=datetime.now(timezone.utc), kiosk_id="k", level=level, reasons=reasons))
    store.close()
    env = {"KIOSK__KIOSK__DATA_DIR": str(tmp_path / "data"), "KIOSK__KIOSK__KEY_FILE": str(tmp_path / "k.key")}
    out = run("store", "--config", str(EXAMPLE), "ratings", env=env)
    assert out.returncode == 0, out.stderr
    assert "satisfied share: 66.7% of 3" in out.stdout and "reason waiting: 1" in out.stdout


def test_a_broken_configuration_puts_the_kiosk_out_of_service_until_stopped(tmp_path):
    import signal
    import socket
    bad = tmp_path / "kiosk.toml"
    bad.write_text("[queue]\nservices = []\n", "utf-8")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))  # as systemd would: the screen says READY once shown
    notify.settimeout(120)
    proc = subprocess.Popen([*KIOSK, "run", "--config", str(bad)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "NOTIFY_SOCKET": str(tmp_path / "notify")})
    try:
        message = notify.recv(4096).decode()
        assert "READY=1" in message and "out of service" in message
        assert proc.poll() is None, "the out-of-service screen should stay up"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:  # a failed assertion must not leave a kiosk running
        notify.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 2
    assert "queue.services" in err
