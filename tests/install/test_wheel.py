"""The wheel carries everything the kiosk reads at run time.

A wheel built from pyproject.toml is installed into a new venv in a temporary folder and run
from there, outside the checkout, with PYTHONPATH unset: the screens render with their fonts
and translations, a ticket prints on the emulator, a photographed page becomes a searchable
PDF, and the demo starts. Third-party packages come from the development venv through a
plain path entry (its .pth files, among them the editable install of this checkout, are not
processed), so the test costs seconds instead of a 400 MB download; the PyInstaller bundle
test (tests/deploy) covers an install that borrows nothing.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
from PIL import Image

from devices.ocr.cer import cer
from devices.printer.emulator import PrinterEmulator

CHECKOUT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv outside the checkout with the freshly built wheel of this project in it."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"),
                    str(CHECKOUT)], check=True, capture_output=True, cwd=root)
    wheel, = (root / "dist").glob("motcua_kiosk-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                    "--no-deps", "-q", str(wheel)], check=True, capture_output=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_dev_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def _env(tmp: Path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_DATA_HOME=str(tmp / "data"), OMP_THREAD_LIMIT="1", **extra)
    return env


def _run(venv: Path, tmp: Path, *argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "kiosk"), *argv], cwd=tmp, env=_env(tmp), capture_output=True,
                          text=True, timeout=kw.pop("timeout", 240), **kw)


def test_the_installed_code_is_the_wheels_not_the_checkouts(installed, tmp_path):
    probe = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "import assets, kiosk, devices, forms, sync, json;"
                            "print(json.dumps([m.__file__ for m in (assets, kiosk, devices, forms, sync)]))"],
                           cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, check=True)
    for module_file in json.loads(probe.stdout):
        assert Path(module_file).is_relative_to(installed), module_file


def test_screens_render_from_the_wheel_with_font_and_translations(installed, tmp_path):
    out = tmp_path / "shots"
    done = _run(installed, tmp_path, "screenshot", "--out", str(out))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    home = Image.open(out / "vi_home.png").convert("L")
    assert home.getextrema()[0] < 80, "the home screen has no dark text on it"
    assert len(list(out.glob("en_*.png"))) == len(list(out.glob("vi_*.png"))) > 20


def test_print_test_from_the_wheel_prints_a_ticket_with_its_qr(installed, tmp_path):
    import zxingcpp

    with PrinterEmulator(tmp_path / "jobs") as emu:
        done = _run(installed, tmp_path, "print-test", "--printer", emu.uri)
        assert done.returncode == 0, done.stdout + done.stderr
        job, = emu.wait_for_jobs(1)
    payloads = [r.text for r in zxingcpp.read_barcodes(Image.open(job.png_path).convert("L"))]
    assert payloads and payloads[0].startswith("PRINT-TEST|")


def test_scan_ocr_from_the_wheel_makes_a_searchable_pdf_of_the_shipped_sample(installed, tmp_path):
    page = subprocess.run([str(installed / "bin" / "python"), "-c",
                           "from devices.sim.samples import sample_page; print(sample_page('cam_straight.jpg'))"],
                          cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, check=True).stdout.strip()
    assert Path(page).is_relative_to(installed)
    pdf = tmp_path / "page.pdf"
    done = _run(installed, tmp_path, "scan", "ocr", page, "--out", str(pdf))
    assert done.returncode == 0, done.stdout + done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    truth = (CHECKOUT / "bench" / "data" / "pages" / "cam_straight.txt").read_text("utf-8")
    assert cer(text, truth) < 0.10, text[:500]


def test_demo_from_the_wheel_starts_and_registers_with_its_central(installed, tmp_path):
    demo_dir = tmp_path / "demo"
    xvfb_display = ":%d" % (500 + os.getpid() % 300)
    xvfb = subprocess.Popen(["Xvfb", xvfb_display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = _env(tmp_path, DISPLAY=xvfb_display)
    env.pop("QT_QPA_PLATFORM")
    proc = subprocess.Popen([str(installed / "bin" / "kiosk"), "demo", "--data-dir", str(demo_dir)], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    credentials = demo_dir / "keys" / "sync-credentials.json"
    try:
        deadline = time.monotonic() + 90
        while not credentials.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert credentials.exists(), "the demo kiosk from the wheel never registered with its central"
        assert list((demo_dir / "papers").glob("*.jpg")), "the demo's sample pages were not copied"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
        xvfb.terminate()
        xvfb.wait(timeout=10)
    assert proc.returncode == 0, out[-3000:]
    assert "Traceback" not in out, out[-3000:]
