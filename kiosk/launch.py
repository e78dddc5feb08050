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

from kiosk import config as config_mod
from kiosk import paths

log = logging.getLogger(__name__)
_stop_requested = threading.Event()


def build_home(config: config_mod.Config):
    """The kiosk as ``kiosk run`` builds it before its first frame: the home screen only,
    around a ``PendingStore`` (sync/store/pending.py says why); (app, store)."""
    from kiosk.app import build, open_kiosk_store
    from sync.store.pending import PendingStore

    def open_for_kiosk():
        store = open_kiosk_store(config)
        store.adopt_temp_folder()  # OCR's page text stays in the data folder; emptied now
        return store

    store = PendingStore(open_for_kiosk)
    return build(config, store=store, defer=True), store


def _start(config: config_mod.Config) -> int:
    """Home first, then the store: home is shown (systemd hears READY=1), and only then
    is the store opened in a worker thread while the other screens are built. Once it is
    open the kiosk records its start, tells the updater it booted, and starts its
    background work; when it cannot be opened the kiosk goes out of service with the
    reason, exactly as when it fails before home."""
    from PySide6.QtCore import QTimer

    from kiosk.shell import watchdog

    os.umask(0o077)  # whatever the kiosk writes is its own, whatever umask it inherited
    app, store = build_home(config)
    _quit_on_signals(app.qapp)
    if _stop_requested.is_set():  # stopped while starting
        return 0
    app.window.install_guards()
    app.window.show_kiosk()
    watchdog.attach(app.qapp, app.window)  # under systemd: READY once shown, WATCHDOG pings
    refusals: list = []  # the out-of-service window, kept alive while it shows
    QTimer.singleShot(0, lambda: _after_first_frame(app, store, refusals))
    code = app.qapp.exec()
    return 2 if refusals else code


def _after_first_frame(app, store, refusals: list) -> None:
    """The store opens in a worker thread while the other journeys' screens are built
    here, one per event-loop turn."""
    from kiosk.shell import watchdog
    from kiosk.tasks import run_task

    def opened(_store) -> None:
        watchdog.write_boot_ok()  # the updater keeps a version that reached a working home
        app.serve()

    def refused(exc: Exception) -> None:
        app.window.allow_close = True  # its timers stop: nothing asks the store again
        app.window.close()
        refusals.append(_show_out_of_service(app.qapp, exc, app.ctx.config.kiosk.fullscreen))
        watchdog.sd_notify("STATUS=out of service")  # READY was said: up, so no restart loop

    run_task(store.open, opened, refused, pool="store")
    app.build_journeys()


def out_of_service(exc: Exception, fullscreen: bool = True) -> int:
    """Show why the kiosk cannot serve until a technician stops it; exit status 2."""
    from kiosk.app import qapplication
    from kiosk.shell import watchdog
    from kiosk.shell.theme import apply_theme

    qapp = qapplication()
    apply_theme(qapp)
    _quit_on_signals(qapp)
    window = _show_out_of_service(qapp, exc, fullscreen)
    watchdog.attach(qapp, window, status="out of service")
    qapp.exec()
    return 2


def _show_out_of_service(qapp, exc: Exception, fullscreen: bool):
    """"Máy tạm ngừng phục vụ" with the reason. No boot-ok is ever written after it: a new
    version that can only show this screen is rolled back by the update guard."""
    from kiosk.shell.out_of_service import OutOfServiceWindow

    print(f"The kiosk cannot start: {exc}", file=sys.stderr)
    log.error("out of service: %s", exc)
    window = OutOfServiceWindow(str(exc), getattr(exc, "vi", ""), getattr(exc, "en", ""), fullscreen)
    window.show_kiosk()
    return window


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
    from devices.sim.samples import SAMPLE_PAGES, sample_page

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
