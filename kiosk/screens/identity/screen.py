""""Xác minh danh tính": camera view with the card outline, chip progress, confirmation,
errors with a way forward, and manual entry with a numeric keypad."""
from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QProgressBar, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.journeys.identify import Step
from kiosk.messages import user_text
from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.identity.keypad import NumericKeypad

CARD_RATIO = 85.6 / 54.0
GUIDE_COLOUR = (80, 200, 255)  # BGR amber: where the card goes


def _pixmap(image: np.ndarray, width: int, height: int) -> QPixmap:
    h, w = image.shape[:2]
    scale = min(width / w, height / h)
    small = cv2.resize(image, (max(1, int(w * scale)), max(1, int(h * scale))),
                       interpolation=cv2.INTER_AREA)
    small = np.ascontiguousarray(small)
    qimage = QImage(small.data, small.shape[1], small.shape[0], small.strides[0],
                    QImage.Format.Format_BGR888)
    return QPixmap.fromImage(qimage.copy())


def with_card_outline(frame: np.ndarray) -> np.ndarray:
    """The live frame with a card-shaped guide in the middle of the tray."""
    drawn = frame.copy()
    h, w = drawn.shape[:2]
    gw = int(w * 0.55)
    gh = int(gw / CARD_RATIO)
    x0, y0 = (w - gw) // 2, (h - gh) // 2
    cv2.rectangle(drawn, (x0, y0), (x0 + gw, y0 + gh), GUIDE_COLOUR, max(4, w // 240), cv2.LINE_AA)
    return drawn


class IdentifyScreen(Screen):
    name = "identify"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.title.setObjectName("identify_title")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._scan_page())
        self.pages.addWidget(self._chip_page())
        self.pages.addWidget(self._confirm_page())
        self.pages.addWidget(self._error_page())
        self.pages.addWidget(self._manual_page())
        self.cancel_button = big_button(role="secondary")
        self.cancel_button.setObjectName("identify_cancel")
        self.cancel_button.setMaximumHeight(80)
        self.cancel_button.setStyleSheet("min-width: 160px;")
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(flow.cancel)
        top = QHBoxLayout()
        top.addWidget(self.cancel_button)
        top.addWidget(self.title, 1)
        top.addSpacing(160)  # keeps the title centred against the button
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 16, 40, 20)
        lay.setSpacing(12)
        lay.addLayout(top)
        lay.addWidget(self.pages, 1)
        flow.changed.connect(self.refresh)
        flow.frame.connect(self.show_frame)

    # ---- pages ---------------------------------------------------------------------
    def _scan_page(self) -> QWidget:
        page = QWidget()
        self.view = QLabel()
        self.view.setObjectName("identify_live")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(320, 200)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.setStyleSheet("background: #1b1f27; color: #ffffff; border-radius: 18px;"
                                " font-size: 32px;")
        self.instruction = label(role="subtitle")
        self.instruction.setObjectName("identify_instruction")
        self.side_hint = label(role="hint")
        self.scan_problem = label(role="error")
        self.scan_problem.setObjectName("identify_scan_problem")
        self.manual_button = big_button(role="secondary")
        self.manual_button.setObjectName("identify_manual")
        self.manual_button.setMaximumHeight(110)
        self.manual_button.clicked.connect(self.flow.manual)
        side = QVBoxLayout()
        side.setSpacing(20)
        side.addWidget(self.instruction)
        side.addWidget(self.side_hint)
        side.addWidget(self.scan_problem)
        side.addStretch(1)
        side.addWidget(self.manual_button)
        body = QHBoxLayout(page)
        body.setSpacing(32)
        body.addWidget(self.view, 3)
        body.addLayout(side, 2)
        return page

    def _chip_page(self) -> QWidget:
        page = QWidget()
        self.chip_text = label(role="subtitle")
        self.chip_text.setObjectName("identify_chip_text")
        self.chip_hint = label(role="hint")
        self.progress = QProgressBar()
        self.progress.setObjectName("identify_progress")
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(36)
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        lay.addWidget(self.chip_text)
        lay.addWidget(self.chip_hint)
        lay.addSpacing(24)
        lay.addWidget(self.progress)
        lay.addStretch(2)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        self.photo = QLabel()
        self.photo.setObjectName("identify_photo")
        self.photo.setFixedSize(240, 320)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("background: #dfe6f0; border-radius: 12px; font-size: 28px;")
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(18)
        self.field_names, self.field_values = [], []
        for row in range(3):
            name, value = label(role="hint"), label(role="subtitle")
            value.setStyleSheet("font-size: 44px; font-weight: bold;")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            value.setObjectName(f"identify_value_{row}")
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.field_names.append(name)
            self.field_values.append(value)
        self.auth = label(role="badge")
        self.auth.setObjectName("identify_auth")
        self.auth.setAlignment(Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.auth, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.confirm_button = big_button(role="primary")
        self.confirm_button.setObjectName("identify_confirm")
        self.confirm_button.setMaximumHeight(120)
        self.confirm_button.clicked.connect(self.flow.confirm)
        self.rescan_button = big_button(role="secondary")
        self.rescan_button.setObjectName("identify_rescan")
        self.rescan_button.setMaximumHeight(120)
        self.rescan_button.clicked.connect(self.flow.retry)
        info = QVBoxLayout()
        info.setSpacing(16)
        info.addStretch(1)
        info.addLayout(grid)
        info.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.rescan_button)
        buttons.addWidget(self.confirm_button)
        info.addLayout(buttons)
        body = QHBoxLayout(page)
        body.setSpacing(40)
        body.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignVCenter)
        body.addLayout(info, 1)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget()
        self.error_title = label(role="subtitle")
        self.error_text = label(role="error")
        self.error_text.setObjectName("identify_error")
        self.retry_button = big_button(role="primary")
        self.retry_button.setObjectName("identify_retry")
        self.retry_button.setMaximumHeight(120)
        self.retry_button.clicked.connect(self.flow.retry)
        self.error_manual_button = big_button(role="secondary")
        self.error_manual_button.setObjectName("identify_error_manual")
        self.error_manual_button.setMaximumHeight(120)
        self.error_manual_button.clicked.connect(self.flow.manual)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.error_manual_button)
        buttons.addWidget(self.retry_button)
        lay = QVBoxLayout(page)
        lay.setSpacing(16)
        lay.addStretch(1)
        lay.addWidget(self.error_title)
        lay.addWidget(self.error_text)
        lay.addStretch(1)
        lay.addLayout(buttons)
        return page

    def _manual_page(self) -> QWidget:
        page = QWidget()
        self.manual_title = label(role="subtitle")
        self.id_label, self.dob_label = label(role="hint"), label(role="hint")
        self.id_value, self.dob_value = label(role="title"), label(role="title")
        self.id_value.setObjectName("identify_manual_id")
        self.dob_value.setObjectName("identify_manual_dob")
        for value in (self.id_value, self.dob_value):
            value.setStyleSheet("background: #ffffff; border: 3px solid #0b3d91; border-radius: 12px;"
                                " font-size: 44px; letter-spacing: 4px; padding: 4px;")
        for short in (self.manual_title, self.id_label, self.dob_label):
            short.setWordWrap(False)  # short lines: wrapping only inflates the minimum height
        self.manual_problem = label(role="error")
        self.manual_problem.setObjectName("identify_manual_problem")
        self.keypad = NumericKeypad()
        self.keypad.digit.connect(self._type_digit)
        self.keypad.backspace.connect(self._backspace)
        self.manual_submit = big_button(role="primary")
        self.manual_submit.setObjectName("identify_manual_submit")
        self.manual_submit.setMaximumHeight(110)
        self.manual_submit.clicked.connect(self._submit_manual)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.manual_title)
        left.addWidget(self.id_label)
        left.addWidget(self.id_value)
        left.addWidget(self.dob_label)
        left.addWidget(self.dob_value)
        left.addWidget(self.manual_problem)
        left.addStretch(1)
        left.addWidget(self.manual_submit)
        body = QHBoxLayout(page)
        body.setSpacing(40)
        body.addLayout(left, 3)
        body.addWidget(self.keypad, 2)
        self._typed = {"id": "", "dob": ""}
        return page

    # ---- manual typing ------------------------------------------------------------------
    def _field(self) -> str:
        return "id" if len(self._typed["id"]) < 12 else "dob"

    def _type_digit(self, d: str) -> None:
        field = self._field()
        if len(self._typed[field]) < (12 if field == "id" else 8):
            self._typed[field] += d
        self._show_typed()

    def _backspace(self) -> None:
        field = "dob" if self._typed["dob"] else "id"
        self._typed[field] = self._typed[field][:-1]
        self._show_typed()

    def _show_typed(self) -> None:
        self.id_value.setText(self._typed["id"] or " ")
        dob = self._typed["dob"]
        shown = "/".join(p for p in (dob[:2], dob[2:4], dob[4:]) if p)
        self.dob_value.setText(shown or " ")
        self.manual_submit.setEnabled(len(self._typed["id"]) == 12 and len(dob) == 8)

    def _submit_manual(self) -> None:
        self.flow.submit_manual(self._typed["id"], self._typed["dob"])

    # ---- rendering ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Identify yourself"))
        self.instruction.setText(self.tr("Place the side of your ID card with the QR code in the tray"))
        self.side_hint.setText(self.tr("Chip ID card (CCCD): the front. 2024 ID card: the back."))
        self.manual_button.setText(self.tr("Enter by hand"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.field_names[0].setText(self.tr("Full name"))
        self.field_names[1].setText(self.tr("Date of birth"))
        self.field_names[2].setText(self.tr("ID number"))
        self.confirm_button.setText(self.tr("This is me, continue"))
        self.rescan_button.setText(self.tr("Scan again"))
        self.error_title.setText(self.tr("We could not identify you yet"))
        self.retry_button.setText(self.tr("Try again"))
        self.error_manual_button.setText(self.tr("Enter by hand"))
        self.manual_title.setText(self.tr("Type your ID number and date of birth"))
        self.id_label.setText(self.tr("ID number (12 digits)"))
        self.dob_label.setText(self.tr("Date of birth (day, month, year)"))
        self.manual_submit.setText(self.tr("Continue"))
        self.keypad.retranslate()
        self.refresh()

    def on_enter(self) -> None:
        self.view.clear()
        self.view.setText(self.tr("Starting the camera…"))
        self._typed = {"id": "", "dob": ""}
        self._show_typed()
        self.refresh()

    def refresh(self) -> None:
        j = self.flow.journey
        step = j.step
        index = {Step.SCANNING_QR: 0, Step.WAITING_CARD: 1, Step.READING_CHIP: 1,
                 Step.CONFIRM: 2, Step.DONE: 2, Step.ERROR: 3, Step.MANUAL_ENTRY: 4}[step]
        self.pages.setCurrentIndex(index)
        error = user_text(j.error, self.lang) if j.error is not None else ""
        if step is Step.SCANNING_QR:
            self.scan_problem.setText(error)
            if self.flow.camera_fault:
                self.view.clear()
                self.view.setText(self.tr("No picture from the camera"))
        elif step is Step.WAITING_CARD:
            self.chip_text.setText(self.tr("Now place your ID card on the card reader"))
            self.chip_hint.setText(self.tr("Keep it there until the reading is finished."))
            self.progress.setValue(0)
        elif step is Step.READING_CHIP:
            self.chip_text.setText(self.tr("Reading the chip… keep the card still"))
            self.chip_hint.setText(self.tr("Reading the photo from the chip")
                                   if j.progress_step == "DG2" else "")
            self.progress.setValue(int(j.progress * 100))
        elif step in (Step.CONFIRM, Step.DONE) and j.identity is not None:
            self._show_identity(j.identity)
        elif step is Step.ERROR:
            self.error_text.setText(error)
        elif step is Step.MANUAL_ENTRY:
            self.manual_problem.setText(error)
            self._show_typed()

    def _show_identity(self, ident) -> None:
        self.field_values[0].setText(ident.full_name or "—")
        dob = ident.date_of_birth
        self.field_values[1].setText(dob.strftime("%d/%m/%Y") if dob else "—")
        self.field_values[2].setText(ident.id_number)
        if ident.photo_png:
            pix = QPixmap()
            pix.loadFromData(ident.photo_png, "PNG")
            self.photo.setPixmap(pix.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo.clear()
            self.photo.setText(self.tr("No photo"))
        colour = "#dfe6f0"  # neutral: not from the chip
        if ident.source == "chip":
            ok = ident.authentication != "failed"
            text = self.tr("Chip verification: valid") if ok else self.tr("Chip verification: failed")
            colour = "#bfe8cf" if ok else "#f6c6c6"
        elif ident.source == "qr":
            text = self.tr("Read from the QR code (chip not checked)")
        else:
            text = self.tr("Entered by hand")
        self.auth.setText(text)
        self.auth.setStyleSheet(f"background: {colour}; padding: 10px 18px; border-radius: 10px;")

    def show_frame(self) -> None:
        frame = self.flow.last_frame
        if frame is None or self.flow.journey.step is not Step.SCANNING_QR:
            return
        self.view.setPixmap(_pixmap(with_card_outline(frame), self.view.width() - 8,
                                    self.view.height() - 8))

    def on_leave(self) -> None:
        self.photo.clear()  # the photo is personal data: do not keep it in a widget
