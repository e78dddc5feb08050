"""The panel: every device and service at a glance, its reason in plain words, and actions.

Each row is a button to that device's page. The checks run off the UI thread; while they
run the rows say "checking", and a hanging device is shown as hanging after its deadline.
"""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton

from kiosk.diagnostics import CHECK_NAMES
from kiosk.screens.base import Screen, action_button, big_button, button_row, label, page_layout
from kiosk.screens.technician.style import paint

PAGES = (*CHECK_NAMES, "log")
# two lines of 20 px: five rows of two fit 1280×800 above two rows of actions
ROW_LOOK = {"size_px": 20, "padding_px": 3}


class PanelScreen(Screen):
    name = "tech_panel"
    manages_own_timeout = True  # the technician session's timeout, not the citizen's
    for_citizens = False  # no A+ or "need help" here: a technician at work, not a citizen

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.message = label(role="body")
        self.message.setObjectName("tech_message")
        self.rows: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, name in enumerate(PAGES):
            row = big_button(role="secondary")
            row.setObjectName(f"tech_row_{name}")
            row.setMinimumHeight(64)
            row.clicked.connect(lambda _=False, n=name: self.flow.show_device(n))
            self.rows[name] = row
            grid.addWidget(row, i // 2, i % 2)
        self.refresh = action_button("tech_refresh", flow.refresh, role="secondary")
        self.self_test = action_button("tech_self_test", lambda: flow.act("self_test"), role="secondary")
        self.restart = action_button("tech_restart", lambda: flow.act("restart"), role="secondary")
        self.reboot = action_button("tech_reboot", lambda: flow.act("reboot"), role="secondary")
        self.poweroff = action_button("tech_poweroff", lambda: flow.act("poweroff"), role="secondary")
        self.desktop = action_button("tech_desktop", lambda: flow.act("exit_desktop"), role="secondary")
        self.desktop.setVisible(ctx.config.technician.allow_exit_to_desktop)
        self.leave = action_button("tech_leave", lambda: flow.leave("button"))
        for button in (self.refresh, self.self_test, self.restart, self.reboot, self.poweroff,
                       self.desktop, self.leave):
            button.setMinimumHeight(64)
            # six fit a 1280 px screen, and two rows of them under the eight device rows
            button.setStyleSheet("font-size: 24px; min-width: 120px; min-height: 56px; padding: 4px 12px;")
        lay = page_layout(self)
        lay.addWidget(self.title)
        lay.addLayout(grid, 1)
        lay.addWidget(self.message)
        lay.addLayout(button_row(self.refresh, self.self_test, self.restart, spacing=16))
        lay.addLayout(button_row(self.reboot, self.poweroff, self.desktop, self.leave, spacing=16))
        flow.results_changed.connect(self.retranslate)
        flow.message.connect(self._say)
        self.message.hide()  # shown with an action's answer: until then the rows have its room

    def _say(self, vi: str, en: str) -> None:
        self.message.setText(self.ctx.text(vi, en))
        self.message.setVisible(bool(vi or en))

    def names(self) -> dict[str, str]:
        return {"printer": self.tr("Receipt printer"), "qr_camera": self.tr("QR camera"),
                "scanner": self.tr("Document camera"), "card_reader": self.tr("Card reader"),
                "voice": self.tr("Voice and sound"), "central": self.tr("Network and central"), "store": self.tr("Store"),
                "software": self.tr("Software"), "log": self.tr("Log")}

    def retranslate(self) -> None:
        self.title.setText(self.tr("Technician mode"))
        self.refresh.setText(self.tr("Check again") if not self.flow.checking else self.tr("Checking…"))
        self.self_test.setText(self.tr("Print self-test report"))
        self.restart.setText(self.tr("Restart the app"))
        self.reboot.setText(self.tr("Reboot"))
        self.poweroff.setText(self.tr("Shut down"))
        self.desktop.setText(self.tr("Exit to desktop"))
        self.leave.setText(self.tr("Leave technician mode"))
        names = self.names()
        last_lines, checking = self.tr("the last lines"), self.tr("checking…")
        word = {"ok": self.tr("OK"), "warning": self.tr("Warning"), "fault": self.tr("Fault")}
        for name, row in self.rows.items():
            result = self.flow.results.get(name)
            if name == "log":
                row.setText(f"{names[name]}: {last_lines}")
                paint(row, "ok", **ROW_LOOK)
            elif result is None:
                row.setText(f"{names[name]}: {checking}")
                paint(row, "checking", **ROW_LOOK)
            else:
                row.setText(f"{names[name]} — {word[result.status.value]}\n{result.text(self.lang)}")
                paint(row, result.status.value, **ROW_LOOK)
