"""One device's page: its status and facts, a live view for the cameras, and its test.

Every wait runs on a pool thread and is dropped when the page is left (its ``Cancel``), so
a camera that hangs or a printer pulled out mid-test leaves the page responsive, and the
technician can always go back.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from kiosk.diagnostics import run_checks
from kiosk.screens.base import Screen, action_button, button_row, label, page_layout
from kiosk.screens.technician import device_pages
from kiosk.screens.technician.style import paint
from kiosk.tasks import Cancel, run_task

CAMERAS = ("qr_camera", "scanner")
# pages whose facts a test or action changes: "paper roll changed" starts the ticket count
# again, a test page may end the paper, "send again" empties the refused list
RECHECKED = ("printer", "central")
LIVE_MS = 400


def to_pixmap(frame, width: int = 640, height: int = 0) -> QPixmap:
    """``frame`` scaled to fit ``width`` × ``height`` (any height when 0), its proportions kept."""
    import cv2

    scale = width / frame.shape[1]
    if height:
        scale = min(scale, height / frame.shape[0])
    width, height = max(1, int(frame.shape[1] * scale)), max(1, int(frame.shape[0] * scale))
    small = cv2.cvtColor(cv2.resize(frame, (width, height)), cv2.COLOR_BGR2RGB)
    image = QImage(small.data, width, height, small.strides[0], QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())


class DeviceScreen(Screen):
    name = "tech_device"
    manages_own_timeout = True
    for_citizens = False  # no A+ or "need help" here: a technician at work, not a citizen

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.cancel = Cancel()
        self.can = ""
        self._source = None  # the live view's open camera (pool thread owns its calls)
        self._grabbing = False
        self.title = label(role="title")
        self.status = QLabel(objectName="tech_device_status")
        self.status.setWordWrap(True)
        self.facts = QLabel(objectName="tech_device_facts")
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("font-size: 22px; font-family: 'DejaVu Sans Mono', monospace;")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.view = QLabel(objectName="tech_live_view")
        # as large as the page leaves room for: a fixed 640×360 ran under the test button and
        # the result line on a 1280×800 screen, hiding the bottom of the page outline
        self.view.setMinimumSize(320, 180)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setStyleSheet("background: #101820; color: #ffffff; font-size: 22px;")
        self.result = label(role="body")
        self.result.setObjectName("tech_test_result")
        self.test = action_button("tech_test", self.start_test)
        self.second = action_button("tech_test2", self.second_action, role="secondary")
        self.third = action_button("tech_test3", self.third_action, role="secondary")
        for button in (self.test, self.second, self.third):
            # three fit a 1280 px screen, even the central's long English ones
            button.setStyleSheet("font-size: 22px; min-width: 120px;")
        self.digits = device_pages.digit_row(self.digit)
        self.back = action_button("tech_back", lambda: self.ctx.go("tech_panel"), role="secondary")
        self.leave = action_button("tech_device_leave", lambda: flow.leave("button"), role="secondary")
        middle = QHBoxLayout()
        middle.addWidget(self.facts, 1)
        middle.addWidget(self.view, 1)
        lay: QVBoxLayout = page_layout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.status)
        lay.addLayout(middle, 1)
        lay.addLayout(self.digits.layout)
        lay.addWidget(self.result)
        lay.addLayout(button_row(self.test, self.second, self.third, spacing=16))
        lay.addLayout(button_row(self.back, self.leave, spacing=16))
        self._live = QTimer(self, interval=LIVE_MS)
        self._live.timeout.connect(self._grab)
        flow.test_done.connect(self._tested)

    @property
    def device(self) -> str:
        return self.flow.device

    # ---- showing --------------------------------------------------------------------
    def retranslate(self) -> None:
        names = device_pages.titles(self)
        self.title.setText(names.get(self.device, self.device))
        self.back.setText(self.tr("Back to the panel"))
        self.leave.setText(self.tr("Leave technician mode"))
        test, second = device_pages.buttons(self, self.device)
        self.test.setText(test)
        self.test.setVisible(bool(test))
        self.second.setText(second)
        self.second.setVisible(bool(second))
        self.third.setText(self.tr("Export refused dossiers for the counter"))
        self.third.setVisible(self.device == "central")
        self.digits.set_visible(self.device == "card_reader")
        self.view.setVisible(self.device in CAMERAS)
        self._show_result()

    def _show_result(self) -> None:
        result = self.flow.results.get(self.device)
        if self.device == "log":
            from kiosk.diagnostics.logbuffer import install

            self.status.setText(self.tr("The last log lines (no personal data)"))
            paint(self.status, "ok")
            # the newest lines, one row each: as many as fit 1280×800 whatever was logged
            fm, width = self.facts.fontMetrics(), max(self.width() - 96, 400)
            lines = [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in install().last(7)]
            self.facts.setText("\n".join(lines) or self.tr("(empty)"))
            return
        if result is None:
            self.status.setText(self.tr("Checking…"))
            paint(self.status, "checking")
            self.facts.clear()
            return
        self.status.setText(result.text(self.lang))
        paint(self.status, result.status.value)
        self.facts.setText(device_pages.facts_text(result.details, self.device, self.ctx.store))

    def on_enter(self) -> None:
        self.cancel = Cancel()
        self.can = ""
        self.result.clear()
        self.retranslate()
        if self.device != "log":
            self._check()
        if self.device in CAMERAS:
            self.view.setText(self.tr("Starting the live view…"))
            self._live.start()

    def _check(self) -> None:
        env, timeout, device = self.flow.env, self.flow.settings.check_timeout_s, self.device
        run_task(lambda: run_checks(env, [device], timeout), self._checked,
                 lambda exc: self.result.setText(type(exc).__name__), pool="diag", cancel=self.cancel)

    def on_leave(self) -> None:
        self.cancel.cancel()  # a test or a frame still on its way is dropped
        self._stop_live()

    def _checked(self, results) -> None:
        for result in results:
            self.flow.results[result.name] = result
        self.ctx.set_health(results)
        self._show_result()

    # ---- live view --------------------------------------------------------------------
    def _grab(self) -> None:
        if self._grabbing:
            return  # the camera is slow or hangs: never pile up reads
        self._grabbing = True
        holder = self
        device, env = self.device, self.flow.env

        def read():
            if holder._source is None:
                holder._source = device_pages.open_live(device, env)
            return device_pages.live_frame(device, holder._source)

        def done(frame) -> None:
            self._grabbing = False
            if frame is None:
                self.view.setText(self.tr("No picture from the camera"))
            else:
                self.show_frame(frame)

        def failed(exc: BaseException) -> None:
            self._grabbing = False
            self._live.stop()
            self.view.setText(self.tr("The camera cannot be opened: %1").replace("%1", type(exc).__name__))

        run_task(read, done, failed, pool="device", cancel=self.cancel)

    def show_frame(self, frame) -> None:
        self.view.setPixmap(to_pixmap(frame, self.view.width(), self.view.height()))

    def _stop_live(self) -> None:
        self._live.stop()
        self._grabbing = False
        source, self._source = self._source, None
        if source is not None:
            run_task(source.close, pool="device")

    # ---- tests --------------------------------------------------------------------------
    def digit(self, key: str) -> None:
        self.can = self.can[:-1] if key == "erase" else (self.can + key)[:6]
        self.result.setText(self.tr("CAN: %1").replace("%1", "●" * len(self.can)))

    def start_test(self) -> None:
        env, config, device = self.flow.env, self.ctx.config, self.device
        if device == "card_reader" and len(self.can) != 6:
            self.result.setText(self.tr("Enter the card's 6-digit CAN first (printed on the card)."))
            return
        fn = device_pages.test_fn(device, env, config, self.can)
        if fn is None:
            return
        if device in CAMERAS:
            self._stop_live()  # one opener of the camera at a time
        self.result.setText(self.tr("Testing…"))
        self.test.setEnabled(False)
        self.flow.run_test(device, fn, self.cancel)

    def second_action(self) -> None:
        fn = device_pages.second_fn(self.device, self.flow.env)
        if fn is not None:
            self.result.setText(self.tr("Working…"))
            self.flow.run_test(f"{self.device}_2", fn, self.cancel)

    def third_action(self) -> None:
        fn = device_pages.third_fn(self.device, self.flow.env)
        if fn is not None:
            self.result.setText(self.tr("Working…"))
            self.flow.run_test(f"{self.device}_export", fn, self.cancel)

    def _tested(self, device: str, outcome) -> None:
        if device != self.device or self.cancel.is_set():
            return
        self.test.setEnabled(True)
        if isinstance(outcome, BaseException):
            text = self.tr("The test stopped with an error: %1").replace("%1", type(outcome).__name__)
        else:
            text = outcome.text(self.lang)
            facts = {k: v for k, v in outcome.details.items() if k != "error"}
            if facts:
                text += "\n" + ", ".join(f"{k}: {v}" for k, v in facts.items())
            if outcome.image is not None:
                self.show_frame(outcome.image)
        self.result.setText(text)
        if device in RECHECKED:
            self._check()
        if device in CAMERAS and not self.cancel.is_set():
            QTimer.singleShot(3000, lambda: self.device in CAMERAS and not self.cancel.is_set()
                              and self._live.start())
