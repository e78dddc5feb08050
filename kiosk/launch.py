"""Starting the kiosk for real (``kiosk run``) or as a demo on this machine (``kiosk demo``).

A kiosk that cannot read its configuration or open its store refuses to serve and says
why: "out of service" on its screen (with the reason in small type for the technician),
the reason on the terminal and in the log. Handing out tickets it cannot record would be
worse.
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

from devices.sim.samples import SAMPLE_PAGES, sample_page
from kiosk import config as config_mod
from kiosk import paths
from sync.store import StoreError

log = logging.getLogger(__name__)
_stop_requested = threading.Event()


def _start(config: config_mod.Config) -> int:
    from PySide6.QtCore import QTimer

    from kiosk.app import build, open_kiosk_store
    os.umask(0o077)  # whatever the kiosk writes is its own, whatever umask it inherited
    try:
        store = open_kiosk_store(config)
        store.adopt_temp_folder()  # OCR's page text stays in the data folder; emptied now
        app = build(config, store=store, defer=True)
    except StoreError as exc:
        return out_of_service(exc, fullscreen=config.kiosk.fullscreen)
    _quit_on_signals(app.qapp)
    if _stop_requested.is_set():  # stopped while starting
        return 0
    app.window.install_guards()
    app.window.show_kiosk()
    # Everything else waits for the first frame (systemd hears READY=1 first, see
    # kiosk/shell/watchdog.py): device checks, housekeeping and the journeys' warm-up run
    # in worker threads; the sync worker's modules (requests) are imported in one too.
    QTimer.singleShot(0, lambda: _after_first_frame(app))
    return app.qapp.exec()


def _after_first_frame(app) -> None:
    from kiosk.tasks import run_task

    app.check_devices()
    app.housekeeping()
    app.warm_up()
    run_task(lambda: __import__("sync.worker"), lambda _: app.start_sync(), lambda _: app.start_sync(),
             pool="sync")


def out_of_service(exc: Exception, fullscreen: bool = True) -> int:
    """Show why the kiosk cannot serve until a technician stops it; exit status 2."""
    from kiosk.app import qapplication
    from kiosk.shell import watchdog
    from kiosk.shell.out_of_service import OutOfServiceWindow
    from kiosk.shell.theme import apply_theme

    print(f"The kiosk cannot start: {exc}", file=sys.stderr)
    log.error("out of service: %s", exc)
    qapp = qapplication()
    apply_theme(qapp)
    window = OutOfServiceWindow(str(exc), getattr(exc, "vi", ""), getattr(exc, "en", ""), fullscreen)
    _quit_on_signals(qapp)
    window.show_kiosk()
    # systemd: up and answering (no restart loop), but no boot-ok: a new version that can
    # only show this screen is rolled back by the update guard
    watchdog.attach(qapp, window, reached_home=False)
    qapp.exec()
    return 2


def _quit_on_signals(qapp) -> None:
    """SIGTERM (systemd stopping the kiosk) and Ctrl+C end the event loop cleanly, so the
    sync worker stops and the demo's central is shut down. Python only sees a signal when
    it runs, hence the idle timer."""
    from PySide6.QtCore import QTimer

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: qapp.exit(0))  # exit(): quit() would ask the windows, which refuse to close
    timer = QTimer(qapp, interval=300)
    timer.timeout.connect(lambda: None)
    timer.start()


def launch(config_path: Path | None, windowed: bool) -> int:
    try:
        config = config_mod.load(config_path)
    except config_mod.ConfigError as exc:
        return out_of_service(exc, fullscreen=not windowed)
    if windowed:
        config.kiosk.fullscreen = False
        config.kiosk.hide_cursor = False
    return _start(config)


def demo_config(data_dir: Path, fullscreen: bool = False) -> config_mod.Config:
    """The bundled example with simulated devices, the printer emulator and local data."""
    config = config_mod.load(config_mod.EXAMPLE, environ={})
    config.kiosk.data_dir = data_dir
    config.kiosk.key_file = data_dir / "keys" / "store.key"
    config.kiosk.fullscreen = fullscreen
    config.kiosk.hide_cursor = False
    config.printer.uri = "emulator"
    config.printer.emulator_dir = str(data_dir / "printed")
    # the synthetic citizen's card: its QR in the simulated tray camera, its chip behind a
    # real pcscd + vsmartcard-vpcd stack (devices/sim/demo_card.py)
    config.idcard.reader_backend = "simulator"
    config.scanner.simulator_dir = _demo_papers(data_dir / "papers")
    return config


def _demo_papers(folder: Path) -> Path:
    """Two good photographed pages of the synthetic set, for the simulated document camera."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE_PAGES:
        if not (folder / name).exists():
            shutil.copyfile(sample_page(name), folder / name)
    return folder


def demo(data_dir: Path | None, fullscreen: bool) -> int:
    from sync.central.demo import DemoCentral

    data_dir = Path(data_dir or paths.default_data_dir() / "demo")
    config = demo_config(data_dir, fullscreen)
    from kiosk.provisioning import provision_demo

    # Until the Qt loop takes SIGTERM over, a stop is remembered and honoured as soon as the
    # app is built (raising from the handler would land in a Qt callback, which PySide turns
    # into an immediate exit, skipping ``finally``: the central would outlive the demo).
    signal.signal(signal.SIGTERM, lambda *_: _stop_requested.set())
    central = DemoCentral(data_dir / "central")
    try:
        central.start()
        config.sync.numbering = "leased"
        config = provision_demo(config, central)
        print("Kiosk demo: simulated devices, ESC/POS printer emulator on 127.0.0.1, data in", data_dir)
        print("Central one-stop system (reference server, SQLite) on", config.sync.central_url)
        print("Printed tickets and receipts are saved as PNG images in:", data_dir / "printed")
        return _start(config)
    finally:
        central.stop()
