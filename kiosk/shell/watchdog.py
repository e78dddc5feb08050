"""Tell systemd the kiosk is up and still answering, and tell the updater it booted.

systemd's notify protocol (sd_notify(3), "NOTIFY_SOCKET"): one datagram of
newline-separated ``KEY=VALUE`` lines to the AF_UNIX socket named in ``$NOTIFY_SOCKET``; a
leading ``@`` means an abstract socket. ``READY=1`` once the home screen is showing
(``Type=notify``), then ``WATCHDOG=1`` more often than ``WatchdogSec`` from a QTimer on
the Qt event loop: a UI that hangs stops the pings and systemd restarts it.

``$KIOSK_BOOT_OK_FILE`` (set by the unit): written once home shows *and* the store has
opened (kiosk/launch.py), with this program's path, so the updater (``kiosk.update``) knows
a new version reached a working home and keeps it instead of rolling back.
"""
from __future__ import annotations

import logging
import os
import socket
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def sd_notify(message: str, environ: dict | None = None) -> bool:
    """Send ``message`` to systemd; False (and nothing sent) when not run by systemd."""
    env = os.environ if environ is None else environ
    address = env.get("NOTIFY_SOCKET", "")
    if not address or address[0] not in "/@":
        return False
    target = "\0" + address[1:] if address[0] == "@" else address
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(target)
            sock.sendall(message.encode())
        return True
    except OSError as exc:  # systemd gone or the socket not ours: never stop the kiosk for it
        log.warning("sd_notify failed: %s", exc)
        return False


def watchdog_interval_ms(environ: dict | None = None) -> int | None:
    """Half the watchdog period systemd asked for (``$WATCHDOG_USEC``), as sd_watchdog_enabled(3)
    advises; None when no watchdog is asked for or it is meant for another process."""
    env = os.environ if environ is None else environ
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
        return None
    return max(int(usec) // 2000, 50)


def write_boot_ok(environ: dict | None = None) -> Path | None:
    """Record that this program reached the home screen (for the updater's rollback guard)."""
    env = os.environ if environ is None else environ
    target = env.get("KIOSK_BOOT_OK_FILE", "")
    if not target:
        return None
    path = Path(target)
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(str(Path(sys.executable).resolve()) + "\n")
        os.replace(tmp, path)
    except OSError as exc:  # a read-only disk must not stop the kiosk from serving
        log.error("cannot write the boot-ok marker %s: %s", path, exc)
        return None
    return path


def attach(qapp, window, status: str = "home screen shown") -> None:
    """Ping systemd from ``qapp``'s event loop; once ``window`` is visible say READY with
    ``status``. Nothing happens outside systemd."""
    if not os.environ.get("NOTIFY_SOCKET"):
        return
    from PySide6.QtCore import QTimer

    interval = watchdog_interval_ms()
    if interval is not None:
        timer = QTimer(qapp, interval=interval)
        timer.timeout.connect(lambda: sd_notify("WATCHDOG=1"))
        timer.start()

    def when_visible() -> None:
        if not window.isVisible():
            QTimer.singleShot(100, when_visible)
            return
        sd_notify("READY=1\nSTATUS=" + status)

    QTimer.singleShot(0, when_visible)
