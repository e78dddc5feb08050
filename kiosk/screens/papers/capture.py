""""Quét giấy tờ": the live view with the page outlined, auto-capture and a big button."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout

from devices.scanner.autocapture import CaptureState
from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.papers.widgets import back_button, outlined, to_pixmap


class PapersCaptureScreen(Screen):
    name = "papers_capture"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.view = QLabel()
        self.view.setObjectName("papers_live")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(320, 240)
        # Ignored: the frame shown must never make the layout grow (it is scaled to the label)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.view.setStyleSheet("background: #1b1f27; color: #ffffff; border-radius: 18px;")
        self.instruction = label(role="subtitle")
        self.instruction.setObjectName("papers_instruction")
        self.hold = QProgressBar()
        self.hold.setRange(0, 100)
        self.hold.setTextVisible(False)
        self.hold.setFixedHeight(24)
        self.problem = label(role="error")
        self.problem.setObjectName("papers_problem")
        self.capture_button = big_button(role="primary")
        self.capture_button.setObjectName("papers_capture_now")
        self.capture_button.setMinimumHeight(150)
        self.capture_button.setStyleSheet("font-size: 44px; min-height: 140px;")
        self.capture_button.clicked.connect(flow.capture)
        self.back_button = back_button("papers_capture_back", flow.back)
        side = QVBoxLayout()
        side.setSpacing(20)
        side.addWidget(self.instruction)
        side.addWidget(self.hold)
        side.addWidget(self.problem)
        side.addStretch(1)
        side.addWidget(self.capture_button)
        side.addWidget(self.back_button)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(self.view, 3)
        body.addLayout(side, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 20, 48, 24)
        lay.setSpacing(16)
        lay.addWidget(self.title)
        lay.addLayout(body, 1)
        flow.frame.connect(self.show_frame)
        flow.changed.connect(self.refresh)

    def retranslate(self) -> None:
        self.capture_button.setText(self.tr("Take the picture"))
        self.back_button.setText(self.tr("Back"))
        self.refresh()

    def on_enter(self) -> None:
        self.view.clear()
        self.view.setText(self.tr("Starting the camera…"))
        self.refresh()

    def refresh(self) -> None:
        journey = self.flow.journey
        if journey is None or journey.current is None:
            return
        paper = journey.item.paper
        number = (journey.retaking if journey.retaking is not None else len(journey.item.pages)) + 1
        self.title.setText(self.tr("Scan papers: %1 — page %2").replace(
            "%1", self.ctx.text(paper.name_vi, paper.name_en)).replace("%2", str(number)))
        problem = journey.item.problem
        self.problem.setText(self.ctx.text(*problem) if problem else "")
        self.capture_button.setEnabled(self.flow.device_ready and not self.flow.capturing)
        if self.flow.device_fault:
            self.instruction.setText("")
            self.view.clear()
            self.view.setText(self.tr("No picture from the camera"))
        elif self.flow.capturing:
            self.instruction.setText(self.tr("Taking the picture… keep the paper still"))
        elif self.flow.device is not None and not self.flow.device.live:
            self.instruction.setText(self.tr("Put the paper face down on the glass, "
                                             "then touch the button"))
            self.view.setText(self.tr("Scanner ready"))
        elif self.flow.last_view is None:
            self.instruction.setText(self.tr("Put the paper flat under the camera"))
        self.hold.setVisible(self.flow.last_view is not None and self.flow.device is not None
                             and self.flow.device.live)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        QTimer.singleShot(0, self.show_frame)  # the last frame again, at the new size

    def show_frame(self) -> None:
        view, frame = self.flow.last_view, self.flow.last_frame
        if view is None or frame is None:
            return
        ok = view.state in (CaptureState.STEADYING, CaptureState.CAPTURE)
        drawn = outlined(frame, view.detection.quad if view.detection else None, ok)
        self.view.setPixmap(to_pixmap(drawn, self.view.width() - 8, self.view.height() - 8))
        self.hold.setVisible(True)
        self.hold.setValue(int(view.hold_progress * 100))
        if view.state is CaptureState.STEADYING:
            self.instruction.setText(self.tr("Hold the paper still…"))
        elif view.state is CaptureState.CAPTURE:
            self.instruction.setText(self.tr("Taking the picture… keep the paper still"))
        elif view.hint is not None:
            self.instruction.setText(self.ctx.text(view.hint.vi, view.hint.en))
