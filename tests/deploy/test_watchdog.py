"""systemd's notify protocol from the running kiosk: READY once home shows, WATCHDOG pings
from the Qt event loop (so a hung UI stops them and systemd restarts it), and the boot-ok
marker the updater's rollback guard waits for. The test binds the NOTIFY_SOCKET itself,
as systemd would."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.shell.watchdog import sd_notify, watchdog_interval_ms


@pytest.fixture
def notify_socket(tmp_path):
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(30)
    yield path, sock
    sock.close()


def receive_until(sock, wanted: str, limit: int = 200) -> list[str]:
    """Datagrams up to and including the first that contains ``wanted``."""
    got = []
    for _ in range(limit):
        msg = sock.recv(4096).decode()
        got.append(msg)
        if wanted in msg:
            return got
    raise AssertionError(f"{wanted!r} never arrived: {got}")


def test_sd_notify_reaches_a_path_socket_and_is_quiet_outside_systemd(notify_socket):
    path, sock = notify_socket
    assert sd_notify("STATUS=hello", {"NOTIFY_SOCKET": str(path)})
    assert sock.recv(100) == b"STATUS=hello"
    assert not sd_notify("READY=1", {})
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000"}) == 15000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) is None


def test_kiosk_run_says_ready_when_home_shows_and_keeps_pinging(notify_socket, tmp_path):
    path, sock = notify_socket
    marker = tmp_path / "state" / "boot-ok"
    env = dict(os.environ, NOTIFY_SOCKET=str(path), WATCHDOG_USEC="200000",
               KIOSK_BOOT_OK_FILE=str(marker), QT_QPA_PLATFORM="offscreen",
               KIOSK__KIOSK__DATA_DIR=str(tmp_path / "data"),
               KIOSK__KIOSK__KEY_FILE=str(tmp_path / "keys" / "store.key"),
               KIOSK__PRINTER__URI="emulator",
               KIOSK__PRINTER__EMULATOR_DIR=str(tmp_path / "printed"),
               KIOSK__SYNC__CENTRAL_URL="")
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        before = receive_until(sock, "READY=1")
        assert "home screen shown" in before[-1]
        # the marker follows once the store has opened behind the home screen; it names the
        # program that reached home (the updater checks which version)
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.read_text().strip() == str(Path(sys.executable).resolve())
        pings = [m for m in (sock.recv(100).decode() for _ in range(3))]
        assert pings == ["WATCHDOG=1"] * 3
        # whoever starts it, the kiosk's data is its own: folders 0700, files 0600
        data = tmp_path / "data"
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert {stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*") if p.is_file()} == {0o600}
        assert proc.poll() is None
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert proc.returncode == 0, out


def test_a_kiosk_that_cannot_serve_says_so_without_claiming_home(notify_socket, tmp_path):
    """A data folder it cannot write (here: under a file, as a read-only disk would be for
    an unprivileged kiosk): the store opens behind the first frame, so systemd hears READY
    (no restart loop), then "out of service" as the screen switches to "Máy tạm ngừng phục
    vụ"; no boot-ok, so the update guard rolls back a new version."""
    path, sock = notify_socket
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    marker = tmp_path / "boot-ok"
    env = dict(os.environ, NOTIFY_SOCKET=str(path), WATCHDOG_USEC="200000",
               KIOSK_BOOT_OK_FILE=str(marker), QT_QPA_PLATFORM="offscreen",
               KIOSK__KIOSK__DATA_DIR=str(blocker / "data"),
               KIOSK__KIOSK__KEY_FILE=str(tmp_path / "keys" / "store.key"))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        receive_until(sock, "READY=1")
        receive_until(sock, "STATUS=out of service")
        assert receive_until(sock, "WATCHDOG=1")[-1] == "WATCHDOG=1"  # still answering
        assert not marker.exists()
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert "not writable" in out


def test_a_hung_event_loop_stops_the_pings(qtbot, notify_socket, monkeypatch, config):
    """A slot that blocks the UI thread is what a hung kiosk looks like: no WATCHDOG=1 while
    it blocks (systemd would kill and restart it), pings again once the loop runs."""
    from PySide6.QtCore import QTimer

    from kiosk.app import build
    from kiosk.shell import watchdog

    path, sock = notify_socket
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", "100000")  # a ping every 50 ms
    arrivals: list[tuple[float, str]] = []
    done = threading.Event()

    def listen():  # the UI thread must stay free to run the event loop
        sock.settimeout(0.05)
        while not done.is_set():
            try:
                message = sock.recv(100).decode()
                arrivals.append((time.monotonic(), message))
            except socket.timeout:
                pass

    listener = threading.Thread(target=listen)
    listener.start()
    try:
        app = build(config)
        app.window.show()
        watchdog.attach(app.qapp, app.window)
        qtbot.waitUntil(lambda: any("READY=1" in m for _, m in arrivals)
                        and any(m == "WATCHDOG=1" for _, m in arrivals), timeout=10000)
        hang = {}

        def hang_the_ui():  # ten ping periods without returning to the event loop
            hang["start"] = time.monotonic()
            threading.Event().wait(0.5)
            hang["end"] = time.monotonic()

        QTimer.singleShot(0, hang_the_ui)
        qtbot.waitUntil(lambda: "end" in hang and any(
            t > hang["end"] and m == "WATCHDOG=1" for t, m in arrivals), timeout=10000)
    finally:
        done.set()
        listener.join()
    pings = [t for t, m in arrivals if m == "WATCHDOG=1"]
    assert any(t < hang["start"] for t in pings)
    # a ping sent just before the hang can be read a little after it starts on a busy
    # machine; a loop that still ran would send nine in the rest of the window
    assert [t for t in pings if hang["start"] + 0.05 < t < hang["end"]] == []
    app.window.close()
