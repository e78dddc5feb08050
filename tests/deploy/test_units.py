"""The boot-into-the-kiosk units and the kiosk's runtime package list.

systemd is not PID 1 here, so units cannot be started; ``systemd-analyze verify`` checks
them as systemd would load them (directives, dependencies, executables), with the install
root /opt/motcua-kiosk moved to a temp folder holding a stand-in ``kiosk``.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = ["motcua-kiosk.service", "motcua-kiosk-guard.service", "motcua-kiosk-guard.timer"]


def directives(unit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (DEPLOY / "systemd" / unit).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd not installed (scripts/setup.sh --test installs it)")
def test_units_verify_cleanly(tmp_path):
    root = tmp_path / "opt" / "motcua-kiosk"
    (root / "versions" / "1.0.0").mkdir(parents=True)
    stand_in = root / "versions" / "1.0.0" / "kiosk"
    stand_in.write_text("#!/bin/sh\n")
    stand_in.chmod(0o755)
    for link in ("current", "good"):
        (root / link).symlink_to("versions/1.0.0")
    for unit in UNITS:
        text = (DEPLOY / "systemd" / unit).read_text().replace("/opt/motcua-kiosk", str(root))
        (tmp_path / unit).write_text(text)
    done = subprocess.run(["systemd-analyze", "verify", *(str(tmp_path / u) for u in UNITS)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr.strip() == "" and done.stdout.strip() == "", done.stderr


def test_the_kiosk_unit_restarts_a_hung_ui_and_keeps_data_private():
    unit = directives("motcua-kiosk.service")
    assert unit["Type"] == ["notify"] and unit["NotifyAccess"] == ["all"]  # pings come from cage's child
    assert unit["Restart"] == ["always"] and int(unit["WatchdogSec"][0]) > 0
    assert unit["User"] == ["kiosk"] and unit["TTYPath"] == ["/dev/tty1"]
    assert unit["StateDirectoryMode"] == ["0700"] and unit["UMask"] == ["0077"]
    env = dict(e.split("=", 1) for e in unit["Environment"])
    assert not env["KIOSK__KIOSK__KEY_FILE"].startswith(env["KIOSK__KIOSK__DATA_DIR"])
    assert env["KIOSK_BOOT_OK_FILE"].startswith(env["KIOSK__KIOSK__DATA_DIR"])
    assert unit["ExecStart"][0].startswith("/usr/bin/cage ") and "/current/kiosk run" in unit["ExecStart"][0]
    assert "/good/kiosk update check --starting" in unit["ExecStartPre"][0]


def test_runtime_packages_hold_no_virtual_reader_compiler_or_xvfb():
    packages = [line.split("#")[0].strip() for line in (DEPLOY / "apt-runtime.txt").read_text().splitlines()]
    packages = [p for p in packages if p]
    forbidden = {"vsmartcard-vpcd", "gcc", "g++", "swig", "xvfb", "xauth", "python3-dev", "build-essential"}
    assert not forbidden & set(packages)
    assert not [p for p in packages if p.endswith("-dev")]
    assert {"cage", "pcscd", "tesseract-ocr-vie"} <= set(packages)
    if shutil.which("apt-cache"):  # every name is a real Debian package (a typo would stop install.sh)
        policy = subprocess.run(["apt-cache", "policy", *packages], capture_output=True, text=True).stdout
        known = {line[:-1] for line in policy.splitlines() if line and not line[0].isspace()}
        candidates = [line.split(":", 1)[1].strip() for line in policy.splitlines() if "Candidate:" in line]
        assert set(packages) <= known and "(none)" not in candidates


def test_install_script_and_bundle_script_parse():
    for script in (DEPLOY / "install.sh", DEPLOY.parent / "scripts" / "bundle.sh"):
        assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
