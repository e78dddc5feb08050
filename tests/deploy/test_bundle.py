"""The PyInstaller bundle (kiosk.spec) runs on its own: built once (scripts/bundle.sh, a few
minutes), copied to a folder outside the checkout, and run there with no venv on PATH and
PYTHONPATH unset, as on a kiosk. Then, as a kiosk would boot: under a headless cage, as an
unprivileged user, on Qt's Wayland platform, until it says READY=1 (home on screen).

Slow: one build per suite run. Run by hand under ``flock /tmp/kiosk-pcsc.lock`` (it reads
a card through pcscd).
"""
from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from devices.printer.emulator import PrinterEmulator
from devices.sim.citizen import SyntheticCitizen

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 1200  # ~5 min on an idle 2-core machine; bounded so a stuck build fails


@pytest.fixture(scope="module")
def bundle():
    """dist/motcua-kiosk built from this checkout, copied to a world-readable folder in /tmp
    (the unprivileged cage user must reach it; nothing under the checkout or /root)."""
    done = subprocess.run(["scripts/bundle.sh"], cwd=ROOT, capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT_S)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    outside = Path(tempfile.mkdtemp(prefix="kiosk-bundle-", dir="/tmp"))
    outside.chmod(0o755)
    shutil.copytree(ROOT / "dist" / "motcua-kiosk", outside / "motcua-kiosk", symlinks=True)
    yield outside / "motcua-kiosk"
    shutil.rmtree(outside, ignore_errors=True)


@pytest.fixture
def bare_env(tmp_path):
    """What a kiosk's service has: system PATH only, no venv, no PYTHONPATH, its own HOME."""
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": str(home),
            "LANG": "C.UTF-8", "OMP_THREAD_LIMIT": "1"}


def run(bundle: Path, *args: str, env: dict, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / "kiosk"), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def test_version(bundle, bare_env, tmp_path):
    done = run(bundle, "version", env=bare_env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"motcua-kiosk {version('motcua-kiosk')}"


def test_screenshots_render_every_screen(bundle, bare_env, tmp_path):
    out = tmp_path / "shots"
    done = run(bundle, "screenshot", "--out", str(out), "--size", "1280x800", env=bare_env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    shots = sorted(out.glob("*.png"))
    assert len(shots) >= 20 and (out / "vi_home.png") in shots and (out / "en_home.png") in shots
    for shot in (out / "vi_home.png", out / "vi_queue_ticket.png"):
        pixels = np.asarray(Image.open(shot).convert("L"))
        assert pixels.shape == (800, 1280)
        assert pixels.std() > 20 and len(np.unique(pixels)) > 30, f"{shot.name} is blank"


def test_print_test_reaches_the_printer_emulator(bundle, bare_env, tmp_path):
    with PrinterEmulator(tmp_path / "printed") as emulator:
        done = run(bundle, "print-test", "--printer", emulator.uri, env=bare_env, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        [job] = emulator.wait_for_jobs(1)
    assert job.printed and job.cut and job.qr_payloads[0].startswith("PRINT-TEST|")


def test_card_read_through_pcscd_and_vpcd(bundle, bare_env, tmp_path):
    citizen = SyntheticCitizen()
    done = run(bundle, "card", "read", "--emulator", "--no-photo", "--qr", citizen.qr_payload(),
               env=bare_env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["identity"]["id_number"] == citizen.id_number
    assert result["passive_authentication"]["status"] == "verified_csca"  # chain to the test CSCA


def test_kiosk_boots_to_home_under_headless_cage_as_an_unprivileged_user(bundle, tmp_path):
    """What the systemd unit does, minus logind: cage refuses to run as root, so the kiosk
    runs as "nobody" with a private runtime and data folder; READY=1 means home is shown."""
    if shutil.which("cage") is None:
        pytest.skip("cage is not installed (scripts/setup.sh --test installs it)")
    nobody = pwd.getpwnam("nobody")
    work = Path(tempfile.mkdtemp(prefix="kiosk-cage-", dir="/tmp"))
    try:
        runtime, data = work / "runtime", work / "data"
        for folder in (runtime, data):
            folder.mkdir(mode=0o700)
            os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        work.chmod(0o755)
        notify = work / "notify"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(str(notify))
        notify.chmod(0o666)
        sock.settimeout(1)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(data), "LANG": "C.UTF-8",
               "XDG_RUNTIME_DIR": str(runtime), "WLR_BACKENDS": "headless",
               "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman",
               "QT_QPA_PLATFORM": "wayland", "NOTIFY_SOCKET": str(notify),
               "KIOSK_BOOT_OK_FILE": str(data / "boot-ok"),
               "KIOSK__KIOSK__DATA_DIR": str(data / "store"),
               "KIOSK__KIOSK__KEY_FILE": str(data / "keys" / "store.key"),
               "KIOSK__PRINTER__URI": "emulator", "KIOSK__PRINTER__EMULATOR_DIR": str(data / "printed")}
        proc = subprocess.Popen(["cage", "--", str(bundle / "kiosk"), "run"], env=env, cwd=data,
                                user=nobody.pw_uid, group=nobody.pw_gid, extra_groups=[],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        messages: list[str] = []
        try:
            for _ in range(180):  # one-second waits, while the kiosk is alive
                if any("READY=1" in m for m in messages) or proc.poll() is not None:
                    break
                try:
                    messages.append(sock.recv(4096).decode())
                except socket.timeout:
                    pass
            # boot-ok follows once the store has opened behind the home screen
            for _ in range(600):
                if (data / "boot-ok").exists() or proc.poll() is not None:
                    break
                time.sleep(0.1)
            still_running = proc.poll() is None
        finally:
            proc.terminate()
            out = proc.communicate(timeout=60)[0].decode(errors="replace")
            sock.close()
        assert any("READY=1" in m for m in messages), out[-3000:]
        assert "home screen shown" in messages[-1] and still_running
        assert (data / "boot-ok").read_text().strip() == str((bundle / "kiosk").resolve())
    finally:
        shutil.rmtree(work, ignore_errors=True)
