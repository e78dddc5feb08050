"""Restart the app, reboot or shut down the machine: what the panel's action buttons do.

Power goes through systemd-logind's D-Bus API (``org.freedesktop.login1.Manager.Reboot`` /
``PowerOff``, see the logind D-Bus documentation) with ``busctl``, so the kiosk user needs
polkit's permission, not root. Where logind is absent (no systemd as PID 1, a container),
the technician is told plainly to use the power button.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)
LOGIND_RUNTIME = "/run/systemd/seats"  # made by systemd-logind (may outlive it in a container)
SYSTEM_BUS = "/run/dbus/system_bus_socket"  # logind is reached over the system bus


@dataclass(frozen=True)
class ActionAnswer:
    ok: bool
    vi: str
    en: str


def logind_available() -> bool:
    return (os.path.isdir(LOGIND_RUNTIME) and os.path.exists(SYSTEM_BUS)
            and shutil.which("busctl") is not None)


def power(action: str) -> ActionAnswer:
    """``action``: "reboot" or "poweroff"."""
    method = {"reboot": "Reboot", "poweroff": "PowerOff"}[action]
    if not logind_available():
        return ActionAnswer(False, "Máy này không có logind: hãy dùng nút nguồn của máy",
                            "No logind on this machine: use the machine's power button")
    done = subprocess.run(["busctl", "call", "org.freedesktop.login1", "/org/freedesktop/login1",
                           "org.freedesktop.login1.Manager", method, "b", "false"],
                          capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        log.warning("logind %s refused: %s", method, done.stderr.strip()[:200])
        return ActionAnswer(False, "Hệ thống không cho phép: cần quyền polkit cho người dùng ki-ốt",
                            "Refused by the system: the kiosk user needs the polkit permission")
    return ActionAnswer(True, "Đang thực hiện…", "In progress…")


def restart_command() -> list[str]:
    """The command line that started this kiosk, to start it again in place."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, *sys.orig_argv[1:]]


def restart_app() -> None:
    """Replace this process by a fresh kiosk (same command line). Never returns."""
    os.execv(sys.executable, restart_command())
