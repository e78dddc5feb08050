"""Building the kiosk application: store, services, screens, window.

Kept apart from ``kiosk run`` so the tests, the screenshot command and the benchmarks
build exactly the app a citizen sees.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterator

from PySide6.QtWidgets import QApplication

from devices.printer import PrinterSettings
from kiosk.config import Config
from kiosk.screens.home import HomeScreen
from kiosk.shell.context import AppContext
from kiosk.shell.i18n import Translations
from kiosk.shell.theme import apply_theme
from kiosk.shell.window import KioskWindow
from kiosk.tasks import run_task
from sync.credentials import credentials_beside
from sync.settings import SyncSettings

if TYPE_CHECKING:
    from kiosk.catalog_update import CatalogKeeper
    from kiosk.screens.dossier.flow import DossierFlow
    from kiosk.screens.lookup.screens import LookupFlow
    from kiosk.screens.queue.flow import QueueFlow
    from kiosk.screens.rating.flow import RatingFlow
    from kiosk.screens.technician import TechnicianFlow
    from sync.store import Store
    from sync.worker import SyncWorker

log = logging.getLogger(__name__)


def open_printer(settings: PrinterSettings):
    """The configured printer; the driver (python-escpos) is imported on first use, after
    the home screen is up (see devices/printer/__init__.py)."""
    from devices.printer import open_printer as _open

    return _open(settings)


@dataclass
class KioskApp:
    qapp: QApplication
    ctx: AppContext
    window: KioskWindow
    translations: Translations
    sync_settings: "SyncSettings"
    sync_worker: "SyncWorker | None" = None
    _dossier: "DossierFlow | None" = None
    _dossier_steps: "Iterator[None] | None" = None
    #: built by ``install_journeys`` (right after the first frame under ``kiosk run``)
    queue: "QueueFlow | None" = None
    rating: "RatingFlow | None" = None
    lookup: "LookupFlow | None" = None
    technician: "TechnicianFlow | None" = None
    _journey_steps: "Iterator[None] | None" = None

    def complete(self) -> "KioskApp":
        """The kiosk with every journey but the dossier's built: a tap on home that comes
        before the build after the first frame is done finishes it at once."""
        while self._journey_steps is not None:
            self._next_journey_step()
        return self

    def _next_journey_step(self) -> None:
        try:
            next(self._journey_steps)
        except StopIteration:
            self._journey_steps = None
            self.window.retranslate()

    def build_journeys(self) -> None:
        """Build the queue, rating, lookup and technician screens once home shows, one per
        event-loop turn (a tap meanwhile is answered between two), then warm the dossier
        journey up."""
        from PySide6.QtCore import QTimer

        def build_step() -> None:
            if self._journey_steps is not None:
                self._next_journey_step()
                QTimer.singleShot(0, build_step)

        build_step()

    def start_sync(self) -> None:
        """Deliver dossiers and tickets to the central in the background (never the UI
        thread), until the application quits. The worker (and with it ``requests``) is
        built here, after the home screen is up, not on the start path."""
        if self.sync_worker is None and self.sync_settings.central_url:
            from sync.worker import SyncWorker

            ctx = self.ctx
            self.sync_worker = SyncWorker(ctx.store, self.sync_settings, app_version=_version(),
                                          devices_health=lambda: devices_health(ctx),
                                          technician_report=lambda: technician_report(ctx),
                                          technician_sent=lambda ids: mark_sent(ctx.store, ids),
                                          catalog_keeper=self.catalog_keeper)
        if self.sync_worker is not None:
            self.sync_worker.start()
            self.qapp.aboutToQuit.connect(self.sync_worker.stop)

    @cached_property
    def catalog_keeper(self) -> "CatalogKeeper":
        """The procedure catalog the central publishes, as last validated (kiosk/catalog_update.py)."""
        from kiosk.catalog_update import CatalogKeeper

        return CatalogKeeper(self.ctx.config.kiosk.resolved_data_dir() / "catalog")

    @property
    def dossier(self) -> "DossierFlow":
        """The "Nộp hồ sơ" journey, built on first use (or by ``warm_up`` after start):
        a tap that comes before the warm-up is done finishes the remaining steps at once."""
        while self._dossier is None:
            self._next_dossier_step()
        return self._dossier

    def _next_dossier_step(self) -> None:
        if self._dossier_steps is None:
            self._dossier_steps = install_dossier(self.ctx, self.window, self.ctx.store, self.ctx.config,
                                                  self.sync_settings, self)
        try:
            next(self._dossier_steps)
        except StopIteration as done:
            self._dossier = done.value
            self.window.retranslate()

    def request_refill(self) -> None:
        """Numbers are running low: ask the sync worker for more (once it runs)."""
        if self.sync_worker is not None:
            self.sync_worker.request_refill()

    def wake_sync(self) -> None:
        """A dossier was filed: deliver it now rather than at the next poll."""
        if self.sync_worker is not None:
            self.sync_worker.wake()

    def housekeeping(self) -> None:
        """In the background at start: delete encrypted files a power cut left behind."""
        from kiosk.dossier.housekeeping import sweep_orphan_files

        store = self.ctx.store
        run_task(lambda: sweep_orphan_files(store),
                 lambda n: n and log.info("removed %d leftover encrypted files", n))

    def warm_up(self) -> None:
        """Get the dossier journey ready once the home screen is up, without making a tap
        wait: its modules (OpenCV, OCR, PDF, the catalog) are imported in a worker thread,
        then its screens are built on the UI thread one per event-loop turn, so a touch on
        "Lấy số thứ tự" meanwhile is answered between two steps."""
        from PySide6.QtCore import QTimer

        def build_step() -> None:
            if self._dossier is None:
                self._next_dossier_step()
                QTimer.singleShot(0, build_step)

        run_task(_preload_dossier_modules, lambda _: build_step(), lambda _: build_step(), pool="ocr")

    def serve(self) -> None:
        """Start the background work once the store is open (``kiosk run``, after the first
        frame): the restart record, device checks, housekeeping, the journeys' warm-up, and
        the sync worker, whose modules (requests) are imported in a worker thread too."""
        from kiosk.technician import audit

        audit.record(self.ctx.store, "app_start")
        self.check_devices()
        self.housekeeping()
        self.warm_up()
        run_task(lambda: __import__("sync.worker"), lambda _: self.start_sync(), lambda _: self.start_sync(),
                 pool="sync")

    def check_devices(self) -> None:
        """Ask the devices the home tiles need how they are, in the background: now, every
        minute and whenever home comes back. A faulty one greys out its tile with a plain
        message and is recorded for the technician, never quietly swapped for a simulator."""
        self.complete()
        if self.technician is not None:
            self.technician.start_readiness()


def devices_health(ctx: AppContext) -> dict[str, str]:
    """Each checked device's word for the heartbeat; a fault a journey met counts too."""
    health = {name: result.status.value for name, result in list(ctx.health.items())}
    return health | {device: "fault" for device in list(ctx.faults)}


def technician_report(ctx: AppContext) -> tuple[dict, list]:
    """The latest check results and the technician actions not yet sent (sync thread)."""
    from kiosk.technician.audit import unsent

    checks = {name: {"status": r.status.value, "reason": r.en[:200]} for name, r in list(ctx.health.items())}
    return checks, unsent(ctx.store)


def mark_sent(store: Store, ids: list[int]) -> None:
    from kiosk.technician.audit import mark_sent as mark

    mark(store, ids)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("motcua-kiosk")
    except PackageNotFoundError:
        return "dev"


def qapplication() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("motcua-kiosk")
    return app


def open_kiosk_store(config: Config) -> Store:
    from sync.store import open_store

    data = config.kiosk.resolved_data_dir()
    return open_store(data / "kiosk.db", config.kiosk.resolved_key_file())


def build(config: Config, store: Store | None = None, defer: bool = False) -> KioskApp:
    """Create the kiosk; the caller shows the window.

    ``defer``: build only the home screen now (issue 9: home within 3x a bare window); the
    other journeys follow in ``build_journeys`` and the dossier journey (camera, OCR,
    catalog) in ``warm_up`` once home is showing. Without it (tests, screenshots)
    everything is built before the first frame.
    """
    qapp = qapplication()
    apply_theme(qapp)
    translations = Translations()
    translations.use(config.kiosk.language)
    store = store or open_kiosk_store(config)
    ctx = AppContext(config, store)
    ctx.language_changed.connect(translations.use)

    sync_settings = credentials_beside(config.sync, config.kiosk.resolved_key_file())
    window = KioskWindow(ctx)
    app = KioskApp(qapp, ctx, window, translations, sync_settings)
    app._journey_steps = install_journeys(app)
    window.add_screen(HomeScreen(ctx, {"take_number": lambda: app.complete().ctx.go("take_number"),
                                       "submit_dossier": lambda: app.complete().dossier.start(),
                                       "lookup": lambda: app.complete().lookup.start(),
                                       "rating": lambda: app.complete().rating.start()}))
    if not defer:
        app.complete()
        _ = app.dossier  # tests and screenshots: everything built before the first frame
    window.retranslate()
    window.show_screen("home")
    return app


def install_journeys(app: KioskApp) -> "Iterator[None]":
    """The queue, rating, lookup and technician screens, one step at a time (their modules,
    and SQLAlchemy's tables behind them, load here rather than before home)."""
    from devices.printer.layouts import ticket_layout
    from kiosk.dossier.lookup import DossierLookup
    from kiosk.queue.tickets import TicketService
    from kiosk.screens.lookup.screens import install as install_lookup
    from kiosk.screens.queue.flow import QueueFlow
    from kiosk.screens.queue.priority import PriorityScreen
    from kiosk.screens.queue.service import ServiceScreen
    from kiosk.screens.queue.ticket import TicketScreen
    from kiosk.screens.rating.screens import install as install_rating
    from kiosk.screens.technician import install as install_technician
    from sync.numbering_leased import ticket_source

    ctx, window, config, sync_settings = app.ctx, app.window, app.ctx.config, app.sync_settings
    online = bool(sync_settings.central_url)
    printer_settings = config.printer
    tickets = TicketService(
        ctx.store, config.queue, config.kiosk.id,
        centre_name=config.kiosk.centre_name_vi,
        open_printer=lambda: open_printer(printer_settings),
        layout=ticket_layout(printer_settings.paper_width_mm),
        numbering=ticket_source(sync_settings, on_low=app.request_refill if online else None),
        hours=config.opening_hours())
    app.queue = QueueFlow(ctx, tickets)
    for screen in (ServiceScreen(ctx, app.queue), PriorityScreen(ctx, app.queue), TicketScreen(ctx, app.queue)):
        window.add_screen(screen)
    yield
    app.rating = install_rating(ctx, window)
    yield
    app.lookup = install_lookup(ctx, window, DossierLookup(ctx.store, sync_settings))
    yield
    app.technician = install_technician(ctx, window)


_DOSSIER_MODULES = ("forms.loader", "kiosk.dossier.filing", "kiosk.screens.identity", "kiosk.screens.papers",
                    "kiosk.screens.dossier.done", "kiosk.screens.dossier.flow", "kiosk.screens.forms",
                    "devices.printer.printer", "cv2", "zxingcpp")


def _preload_dossier_modules() -> None:
    """Import what the dossier journey needs (no widget is made here: Qt wants those on the
    UI thread). Run in a worker thread; Python's import lock keeps a concurrent import on
    the UI thread correct."""
    import importlib

    for name in _DOSSIER_MODULES:
        importlib.import_module(name)


def start_catalog(config: Config, keeper: "CatalogKeeper | None"):
    """The last catalog validated from the central, else the configured (or shipped) one."""
    from forms.loader import CatalogError, load_catalog

    kept = keeper.current_dir() if keeper is not None else None
    if kept is not None:
        try:
            return load_catalog(kept)
        except CatalogError:  # altered on disk since it was validated: not trusted
            log.warning("kept catalog %s does not load, using the configured one", kept)
    return load_catalog(config.forms.catalog_dir)


def switch_catalog(keeper: "CatalogKeeper", filing, journey) -> None:
    """Run while a citizen's session is wiped: never in the middle of a journey."""
    catalog = keeper.take_pending()
    if catalog is not None:
        filing.catalog = journey.catalog = catalog
        log.info("catalog %s in use", keeper.version)


def install_dossier(ctx: AppContext, window: KioskWindow, store: Store, config: Config,
                    sync_settings: SyncSettings, app: KioskApp) -> "Iterator[None]":
    """The "Nộp hồ sơ" journey: the identity, forms and papers screens chained by one flow.

    A generator: it yields between screens so the warm-up can build one per event-loop
    turn, and returns the flow."""
    from kiosk.dossier.filing import DossierFiling
    from kiosk.screens import identity, papers
    from kiosk.screens.dossier.done import DossierDoneScreen
    from kiosk.screens.dossier.flow import DossierFlow
    from kiosk.screens.forms import install_forms
    from sync.numbering_leased import dossier_code_source

    online = bool(sync_settings.central_url)
    catalog = start_catalog(config, app.catalog_keeper if online else None)
    codes = dossier_code_source(sync_settings, on_low=app.request_refill if online else None)
    filing = DossierFiling(
        store, codes, on_filed=app.wake_sync if online else None, agency_id=sync_settings.agency_id,
        agency_name=config.kiosk.centre_name_vi, place_name=config.forms.place_name,
        catalog=catalog, open_printer=lambda: open_printer(config.printer),
        paper_width_mm=config.printer.paper_width_mm)
    yield
    identity_flow = identity.install(window, ctx)
    yield
    forms_flow = install_forms(ctx, window, catalog=catalog, dossier_code=filing.next_code)
    if online:  # a catalog the central published replaces this one between citizens
        ctx.on_wipe(lambda: switch_catalog(app.catalog_keeper, filing, forms_flow.journey))
    yield
    papers_flow = papers.install(window, ctx)
    yield
    flow = DossierFlow(ctx, filing, identity_flow, forms_flow, papers_flow)
    window.add_screen(DossierDoneScreen(ctx, flow))
    return flow
