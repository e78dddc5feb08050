"""“Cần hỗ trợ”: call a member of staff to the kiosk, and tell the citizen help is coming.

The call is a slip printed on the kiosk's own printer (the counter staff see it at the
printer, as they do a jammed ticket), carrying the kiosk id, the time and the screen the
citizen was on — never personal data. The print runs in the background; if it fails the
citizen is told to walk to the guidance counter instead. (A request to the central's
dashboard is not sent yet: the central's help endpoint belongs to the issue-10 work.)
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from devices.printer.layouts import Cut, Feed, Separator, Text
from kiosk.screens.base import big_button, label
from kiosk.tasks import run_task

HELP_SLIP = (
    Text("YÊU CẦU HỖ TRỢ", size=40, bold=True, align="center", invert=True),
    Text("Công dân tại máy {kiosk_id} cần cán bộ giúp đỡ.", size=28, bold=True),
    Separator("dashed"),
    Text("Lúc {time} ngày {date}", size=24),
    Text("Đang ở màn hình: {screen}", size=24),
    Feed(40),
    Cut(),
)


class HelpOverlay(QWidget):
    """Covers the screen with the answer; the citizen's work underneath is kept."""

    def __init__(self, parent: QWidget, ctx) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QFrame(self, objectName="idleCard")
        self.title = label(role="title")
        self.message = label(role="subtitle")
        self.close_button = big_button(role="primary")
        self.close_button.setObjectName("help_close")
        self.close_button.clicked.connect(self.hide)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(48, 40, 48, 40)
        lay.setSpacing(24)
        for w in (self.title, self.message, self.close_button):
            lay.addWidget(w)
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.state = "calling"
        self.hide()

    def call_staff(self, screen_name: str) -> None:
        self.state = "calling"
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        config = self.ctx.config
        now = datetime.now(ZoneInfo(config.queue.timezone))
        data = {"kiosk_id": config.kiosk.id, "time": f"{now:%H:%M}", "date": f"{now:%d/%m/%Y}",
                "screen": screen_name}
        settings = config.printer

        def call_staff():
            from devices.printer.printer import open_printer, print_once  # loads after home shows

            return print_once(lambda: open_printer(settings), HELP_SLIP, data)

        run_task(call_staff, self._printed, lambda exc: self._printed(None), pool="device")

    def _printed(self, outcome) -> None:
        self.state = "called" if outcome is not None and outcome.ok else "walk"
        if self.state == "walk":
            self.ctx.note_fault("printer")
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Help is coming"))
        self.message.setText({
            "calling": self.tr("We are calling a member of staff. Please wait here."),
            "called": self.tr("A member of staff has been called and will come to you. "
                              "Please wait here; your answers are kept."),
            "walk": self.tr("We could not call the staff from this kiosk. Please go to the "
                            "guidance counter; your answers are kept for a few minutes."),
        }[self.state])
        self.close_button.setText(self.tr("Back to my screen"))
