"""Glue between the papers journey, the capture device and the screens.

The journey decides; this object does the waiting. Preview frames, the still, page
preparation and OCR all run through ``run_task`` so the screen never freezes: the live view
asks for the next frame only when the last one has arrived, and OCR of an accepted paper
goes on in the background while the citizen scans the next one.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from devices.scanner.capture import CaptureDevice, open_capture_device
from devices.scanner.errors import CaptureDeviceError
from kiosk.journeys.papers import PaperResult, PapersJourney, PreviewView, RequiredPaper, Step
from kiosk.shell.context import AppContext
from kiosk.tasks import run_task

log = logging.getLogger(__name__)

SCREEN_OF_STEP = {Step.CHECKLIST: "papers_checklist", Step.CAPTURE: "papers_capture",
                  Step.REVIEW: "papers_review"}
PREVIEW_INTERVAL_MS = 66  # ~15 frames/s is smooth enough and leaves the cores for OCR


class PapersFlow(QObject):
    changed = Signal()  # journey state changed: screens re-render
    frame = Signal()  # a new preview frame (``last_frame``, ``last_view``)

    def __init__(self, ctx: AppContext,
                 device_factory: Callable[[], CaptureDevice] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = ctx.config.scanner
        self.device_factory = device_factory or (lambda: open_capture_device(self.settings))
        self.journey: PapersJourney | None = None
        self.device: CaptureDevice | None = None
        self.device_ready = False
        self.device_fault = False
        self.capturing = False
        self.last_frame = None
        self.last_view: PreviewView | None = None
        self._frame_pending = False
        self._ocr_queue: deque = deque()  # (job, done, failed, progress) waiting their turn
        self._ocr_running = False
        self._handed_over = False  # results given to the dossier: their files are its now
        self._on_complete: Callable[[list[PaperResult]], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(PREVIEW_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        ctx.on_wipe(self.reset)

    # ---- lifecycle ---------------------------------------------------------------------
    def start(self, papers: list[RequiredPaper], on_complete=None, on_cancel=None,
              title_prefix: str = "") -> None:
        self.reset()
        self.journey = PapersJourney(papers, files=self.ctx.store.files, settings=self.settings,
                                     title_prefix=title_prefix)
        self._on_complete, self._on_cancel = on_complete, on_cancel
        self._handed_over = False
        self._show()

    def reset(self) -> None:
        """Forget the citizen's pages (session wipe), delete the PDFs nobody took over (the
        store keeps personal data only for a dossier), and let the device go."""
        self.timer.stop()
        if self.journey is not None:
            orphans = list(self.journey.superseded)
            if not self._handed_over:
                orphans += self.journey.stored_files()
            self._delete_files(orphans)
        self.journey, self.last_frame, self.last_view = None, None, None
        self.capturing = self._frame_pending = False
        self._ocr_queue.clear()  # a paper already being read finishes and deletes its file
        device, self.device, self.device_ready = self.device, None, False
        self.device_fault = False
        if device is not None:
            run_task(device.close, pool="device")

    def _delete_files(self, refs: list) -> None:
        if refs:
            files = self.ctx.store.files
            run_task(lambda: [files.delete(ref) for ref in refs])

    def _show(self) -> None:
        self.changed.emit()
        if self.journey is None:
            return
        self.ctx.go(SCREEN_OF_STEP[self.journey.step])
        if self.journey.step is Step.CAPTURE:
            self._start_device()
        else:
            self.timer.stop()

    # ---- device ------------------------------------------------------------------------
    def _start_device(self) -> None:
        if self.device is None:
            self.device_fault = False  # try again: a camera may have been plugged back in
            self.device = self.device_factory()
            device = self.device
            run_task(device.open, lambda _: self._device_opened(device), self._device_failed,
                     pool="device")
        elif self.device_ready and self.device.live:
            self.timer.start()

    def _device_opened(self, device: CaptureDevice) -> None:
        if device is not self.device:
            return  # reset meanwhile
        self.device_ready, self.device_fault = True, False
        self.ctx.clear_fault("scanner")
        if device.live and self.journey is not None and self.journey.step is Step.CAPTURE:
            self.timer.start()
        self.changed.emit()

    def _device_failed(self, exc: BaseException) -> None:
        log.warning("capture device fault: %s", exc)
        self.ctx.note_fault("scanner")
        self.device, self.device_ready, self.device_fault = None, False, True
        self.timer.stop()
        if self.journey is not None and self.journey.current is not None:
            self.journey.capture_failed(exc)
        self.changed.emit()

    def _tick(self) -> None:
        if self._frame_pending or self.capturing or not self.device_ready:
            return
        self._frame_pending = True
        device = self.device
        run_task(device.preview, self._got_frame, self._frame_failed, pool="device")

    def _got_frame(self, frame) -> None:
        self._frame_pending = False
        if self.journey is None or self.journey.step is not Step.CAPTURE or self.capturing:
            return
        self.last_frame = frame
        self.last_view = self.journey.preview(frame, time.monotonic())
        self.frame.emit()
        if self.last_view.capture_now:
            self.capture()

    def _frame_failed(self, exc: BaseException) -> None:
        self._frame_pending = False
        self._device_failed(exc)

    # ---- events from the screens -------------------------------------------------------
    def open_item(self, index: int) -> None:
        self.journey.open(index)
        self._show()

    def skip(self, index: int) -> None:
        self.journey.skip(index)
        self.changed.emit()

    def capture(self) -> None:
        """Auto-capture fired or the big button was pressed: take and prepare the still."""
        if self.capturing or not self.device_ready or self.journey is None:
            return
        self.capturing = True
        self.timer.stop()
        device = self.device
        source = "camera" if device.kind == "camera" else "flatbed"
        dpi = getattr(device, "dpi", self.settings.sane_dpi)
        self.changed.emit()
        run_task(lambda: PapersJourney.prepare_still(device.still(), source, dpi, self.settings),
                 self._captured, self._capture_failed, pool="device")

    def _captured(self, page) -> None:
        self.capturing = False
        if self.journey is None or self.journey.step is not Step.CAPTURE:
            return
        if hasattr(self.device, "advance"):
            self.device.advance()  # the simulator's citizen puts the next page down
        self.journey.add_page(page)
        self._show()

    def _capture_failed(self, exc: BaseException) -> None:
        self.capturing = False
        if isinstance(exc, CaptureDeviceError):
            self._device_failed(exc)
            return
        if self.journey is not None and self.journey.step is Step.CAPTURE:
            self.journey.capture_failed(exc)
            self._show()

    def retake(self, page_index: int) -> None:
        self.journey.retake(page_index)
        self._show()

    def delete_page(self, page_index: int) -> None:
        self.journey.delete_page(page_index)
        self._show()

    def move_page(self, page_index: int, new_index: int) -> None:
        self.journey.move_page(page_index, new_index)
        self.changed.emit()

    def add_page(self) -> None:
        self.journey.add_another_page()
        self._show()

    def accept(self) -> None:
        journey, index = self.journey, self.journey.current
        job = journey.accept()

        def done(result: PaperResult) -> None:
            if self.journey is journey:
                journey.digitized(index, result)
                self.changed.emit()
            else:  # the session ended while it was being read: nobody will claim it
                self._delete_files([result.file])
            self._next_ocr()

        def failed(exc: BaseException) -> None:
            log.warning("paper not digitized: %s", type(exc).__name__)
            if self.journey is journey:
                journey.digitize_failed(index, exc)
                self.changed.emit()
            self._next_ocr()

        def progress(update) -> None:
            if self.journey is journey:
                journey.progress(*update)
                self.changed.emit()

        self._ocr_queue.append((job, done, failed, progress))
        if not self._ocr_running:
            self._next_ocr()
        self._show()

    def _next_ocr(self) -> None:
        """One paper at a time, on the OCR pool: the live view and the devices have their own."""
        self._ocr_running = bool(self._ocr_queue)
        if self._ocr_queue:
            run_task(*self._ocr_queue.popleft(), pool="ocr")

    def back(self) -> None:
        """From capture or review: back to the checklist. From the checklist: cancel."""
        if self.journey is None:
            return
        if self.journey.step is Step.CHECKLIST:
            cancel = self._on_cancel
            self.reset()
            if cancel:
                cancel()
            else:
                self.ctx.home()
            return
        if self.journey.step is Step.CAPTURE:
            self.journey.cancel_capture()
        else:
            self.journey.back_to_checklist()
        self._show()

    def finish(self) -> None:
        results = self.journey.results()
        complete = self._on_complete
        self.timer.stop()
        self._delete_files(self.journey.superseded)
        self.journey.superseded = []
        self._handed_over = True
        if complete:
            complete(results)
