"""Glue between the Identify journey, the tray camera and the chip reader.

The journey decides; this object waits. Frames are grabbed and decoded through
``run_task`` (the next only when the last has arrived), the card is awaited and read in the
background with its progress handed back to the screen. Any device failure becomes a
journey error with words for the citizen, and a camera or reader fault is shown to staff.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from devices.camera.capture import CameraError, FrameSource, open_source
from devices.camera.qr_decoders import make_decoder, to_gray
from devices.idcard.errors import NoCardError, ReaderError
from kiosk.journeys.identify import IdentifyJourney, Step
from kiosk.tasks import Cancel, run_task

log = logging.getLogger(__name__)
FRAME_INTERVAL_MS = 66


class IdentifyFlow(QObject):
    changed = Signal()  # journey state changed: the screen re-renders
    frame = Signal()  # a new camera frame in ``last_frame``
    identified = Signal(object)  # the confirmed Identity (session-scoped)
    cancelled = Signal()

    def __init__(self, ctx, source_factory: Callable[[], FrameSource] | None = None,
                 reader_name: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = ctx.config.idcard
        self.demo = None
        if self.settings.reader_backend == "simulator" and reader_name is None:
            from devices.sim.demo_card import DemoCardStack

            self.demo = DemoCardStack()  # started in a worker when the chip is first needed
            reader_name = "Kiosk vpcd"
        self.source_factory = source_factory or self._open_configured_camera
        self.reader_name = reader_name if reader_name is not None else self.settings.reader
        self.decoder = make_decoder(self.settings.qr_decoder)
        self.journey = IdentifyJourney(has_reader=bool(self.reader_name),
                                       accept_unverified_chip=self.settings.accept_unverified_chip)
        self.source: FrameSource | None = None
        self.last_frame = None
        self.camera_fault = False
        self._pending = False
        self._generation = 0  # bumps on every reset: late worker results are dropped
        self._card_wait = Cancel()
        self.timer = QTimer(self, interval=FRAME_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.qr_timer = QTimer(self, singleShot=True)
        self.qr_timer.timeout.connect(self._qr_timeout)
        ctx.on_wipe(self.reset)

    # ---- lifecycle -----------------------------------------------------------------
    def start(self) -> None:
        self.reset()
        self.ctx.go("identify")
        self._enter_step()

    def reset(self) -> None:
        """Session end: stop the devices and wipe the identity."""
        self._generation += 1
        self._card_wait.cancel()  # a card wait of the session just left stops now
        self.timer.stop()
        self.qr_timer.stop()
        self.journey.end_session()
        self.last_frame = None
        self._pending = False
        source, self.source = self.source, None
        if source is not None:
            run_task(source.close, pool="device")
        self.changed.emit()

    def _open_configured_camera(self) -> FrameSource:
        s = self.settings
        frames = s.camera_frames
        if s.camera == "simulator" and self.demo is not None:
            frames = str(self.demo.frames())  # the demo card's own QR
        elif s.camera == "simulator" and not frames:
            from devices.sim.samples import tray_frames

            frames = str(tray_frames(self.ctx.config.kiosk.resolved_data_dir() / "sim-camera"))
        return open_source(s.camera, s.camera_device, frames, s.camera_fps)

    def _enter_step(self) -> None:
        self.changed.emit()
        step = self.journey.step
        if step is Step.SCANNING_QR:
            self._start_camera()
        else:
            self.timer.stop()
            self.qr_timer.stop()
        if step is Step.WAITING_CARD:
            self._wait_for_card()

    # ---- camera --------------------------------------------------------------------
    def _start_camera(self) -> None:
        self.qr_timer.start(int(self.settings.qr_timeout_s * 1000))
        if self.source is not None:
            self.timer.start()
            return
        gen = self._generation
        run_task(self.source_factory, lambda src: self._camera_opened(src, gen), self._camera_failed,
                 pool="device")

    def _camera_opened(self, source: FrameSource, gen: int) -> None:
        if gen != self._generation:
            run_task(source.close, pool="device")
            return
        self.source, self.camera_fault = source, False
        self.ctx.clear_fault("camera")
        if self.journey.step is Step.SCANNING_QR:
            self.timer.start()
        self.changed.emit()

    def _camera_failed(self, exc: BaseException) -> None:
        log.warning("QR camera fault: %s", type(exc).__name__)
        self.camera_fault = True
        self.ctx.note_fault("camera")
        self.timer.stop()
        self.qr_timer.stop()
        if self.journey.step is Step.SCANNING_QR:
            self.journey.qr_timed_out()
            self.journey.error = exc if isinstance(exc, CameraError) else CameraError(str(exc))
        self.changed.emit()

    def _tick(self) -> None:
        if self._pending or self.source is None:
            return
        self._pending = True
        source, decoder, gen = self.source, self.decoder, self._generation

        def grab():
            frame = source.read()
            return frame, (decoder.decode(to_gray(frame)) if frame is not None else [])

        run_task(grab, lambda result: self._got_frame(result, gen), self._frame_failed, pool="device")

    def _got_frame(self, result, gen: int) -> None:
        self._pending = False
        if gen != self._generation or self.journey.step is not Step.SCANNING_QR:
            return
        frame, texts = result
        if frame is not None:
            self.last_frame = frame
            self.frame.emit()
        for text in texts:
            if self.journey.qr_scanned(text) is not Step.SCANNING_QR:
                self._enter_step()
                return
        if texts:
            self.changed.emit()  # a QR that is not an ID card: show why

    def _frame_failed(self, exc: BaseException) -> None:
        self._pending = False
        self._camera_failed(exc)

    def _qr_timeout(self) -> None:
        if self.journey.step is Step.SCANNING_QR:
            self.journey.qr_timed_out()
            self._enter_step()

    # ---- chip ----------------------------------------------------------------------
    def _wait_for_card(self) -> None:
        from devices.idcard.pcsc import find_reader, wait_card_state

        gen, wanted, timeout = self._generation, self.reader_name, self.settings.card_wait_s
        demo = self.demo

        self._card_wait = Cancel()

        def wait(cancel) -> str:
            name = demo.start() if demo is not None else find_reader(wanted)
            if not wait_card_state(name, True, timeout, cancel):
                raise NoCardError("no card within the time limit")
            return name

        run_task(wait, lambda name: self._card_present(name, gen),
                 lambda exc: self._chip_failed(exc, gen), pool="device", cancel=self._card_wait)

    def _card_present(self, reader: str, gen: int) -> None:
        if gen != self._generation or self.journey.step is not Step.WAITING_CARD:
            return
        from devices.idcard.pcsc import PcscTransport
        from devices.idcard.reading import read_identity

        self.journey.chip_read_started()
        self.changed.emit()
        key, qr, s = self.journey.key, self.journey.qr, self.settings
        master = Path(s.master_list_dir) if s.master_list_dir else None

        def read(progress):
            with PcscTransport(reader).connect(timeout=5) as transport:
                return read_identity(transport.transmit, key, qr=qr, read_photo=s.read_photo,
                                     master_list_dir=master, extended=s.extended_length,
                                     reader_max=transport.reader_max_response(),
                                     progress=lambda f, step: progress((f, step)),
                                     reject_expired=s.reject_expired)

        run_task(read, lambda result: self._chip_read(result, gen),
                 lambda exc: self._chip_failed(exc, gen), self._chip_progress, pool="device")

    def _chip_progress(self, value) -> None:
        fraction, step = value
        self.journey.chip_progress(fraction, step)
        self.changed.emit()

    def _chip_read(self, result, gen: int) -> None:
        if gen != self._generation:
            result.identity.wipe()
            return
        self.ctx.clear_fault("card_reader")
        self.journey.chip_read(result)
        self._enter_step()

    def _chip_failed(self, exc: BaseException, gen: int) -> None:
        if gen != self._generation:
            return
        log.info("chip read failed: %s", type(exc).__name__)  # the type only, never data
        if isinstance(exc, ReaderError):
            self.ctx.note_fault("card_reader")
        if self.journey.step in (Step.WAITING_CARD, Step.READING_CHIP):
            self.journey.chip_failed(exc)
        self._enter_step()

    # ---- events from the screen ------------------------------------------------------
    def confirm(self) -> None:
        identity = self.journey.confirm()
        self.timer.stop()
        self.changed.emit()
        self.identified.emit(identity)

    def retry(self) -> None:
        self.journey.retry()
        self._enter_step()

    def manual(self) -> None:
        self.journey.manual()
        self._enter_step()

    def submit_manual(self, id_number: str, dob: str) -> None:
        self.journey.submit_manual(id_number, dob)
        self._enter_step()

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()
