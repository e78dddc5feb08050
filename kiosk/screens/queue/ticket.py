"""Printing, then the ticket in words and large digits — or what to do if printing failed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout

from kiosk.journeys.take_number import Step
from kiosk.messages import user_text
from kiosk.screens.base import Screen, action_button, alert_icon, button_row, label, page_layout, set_role


class TicketScreen(Screen):
    name = "queue_ticket"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        flow.changed.connect(self.refresh)
        self.title = label(role="title")
        self.badge = label(role="badge")
        self.badge.setWordWrap(False)  # two lines of its own: "PRIORITY" over the kind
        self.number = label(role="number")
        self.number.setObjectName("ticket_number")
        self.details = label(role="subtitle")
        self.details.setObjectName("ticket_details")
        self.hint = label(role="body")
        self.error = label(role="error")
        self.error.setObjectName("ticket_error")
        self.alert = alert_icon()
        self.retry_button = action_button("retry", self.flow.retry)
        self.done_button = action_button("done", self._finish, role="secondary")
        lay = page_layout(self)
        lay.addWidget(self.title)
        # the priority beside the number, not above it: the details below still fit 1280×800
        # in English and with larger text (A+)
        number_row = QHBoxLayout()
        number_row.setSpacing(32)
        number_row.addStretch(1)
        number_row.addWidget(self.number)
        number_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        number_row.addStretch(1)
        lay.addLayout(number_row)
        lay.addWidget(self.details)
        lay.addWidget(self.alert, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(self.hint)
        lay.addLayout(button_row(self.retry_button, self.done_button))

    def on_enter(self) -> None:
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """On a 1280×800 screen the number is 128 px, not 160 (still the largest text), so
        the three lines of details below it fit."""
        super().resizeEvent(event)
        sheet = "font-size: 128px;" if self.window().height() < 1000 else ""
        if self.number.styleSheet() != sheet:
            self.number.setStyleSheet(sheet)

    def retranslate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        j = self.flow.journey
        printing, done, failed = (j.step is Step.PRINTING, j.step is Step.DONE, j.step is Step.FAILED)
        self.number.setVisible(done)
        self.badge.setVisible(done and j.priority_code is not None)
        self.details.setVisible(done)
        self.error.setVisible(failed)
        self.alert.setVisible(failed)
        self.retry_button.setVisible(failed)
        self.done_button.setVisible(done or failed)
        self.done_button.setText(self.tr("Done") if done else self.tr("Back to the home screen"))
        self.retry_button.setText(self.tr("Try again"))
        # paper out or the cover open: only the staff can mend that, so going home is the
        # green way on and a retry (once they have) the second choice
        by_hand = failed and getattr(j.error, "needs_staff", False)
        set_role(self.retry_button, "secondary" if by_hand else "primary")
        set_role(self.done_button, "primary" if by_hand else "secondary")
        if printing:
            self.title.setText(self.tr("Printing your ticket…"))
            self.hint.setText(self.tr("Please wait a moment."))
        elif done:
            self._show_ticket(j)
        elif failed:
            self.title.setText(self.tr("Your ticket could not be printed"))
            self.error.setText(user_text(j.error, self.lang))
            self.hint.setText(self.tr("Your ticket was not issued. You can try again, or ask the staff at the counter."))

    def _show_ticket(self, j) -> None:
        t = j.ticket
        queue = self.ctx.config.queue
        service = queue.service(t.service_code)
        priority = queue.priority(t.priority_code)
        self.title.setText(self.tr("Your number is"))
        self.number.setText(t.number)
        if priority is not None:
            self.badge.setText(self.tr("PRIORITY") + "\n" + self.ctx.text(priority.name_vi, priority.name_en))
        service_name = self.ctx.text(service.name_vi, service.name_en)
        if t.waiting_ahead == 0:
            ahead = self.tr("Nobody is waiting ahead of you.")
        elif t.waiting_ahead == 1:
            ahead = self.tr("1 person is waiting ahead of you.")
        else:
            ahead = self.tr("{n} people are waiting ahead of you.").format(n=t.waiting_ahead)
        if t.opens_at is not None:  # no estimate outside opening hours: when the counters open
            ahead = self.tr("The counters are closed now.")
            wait = self.tr("They open at {time} on {date}.").format(
                time=f"{t.opens_at:%H:%M}", date=f"{t.opens_at:%d/%m/%Y}")
        elif t.wait_minutes <= 1:
            wait = self.tr("You will be called very soon.")
        else:
            wait = self.tr("Estimated wait: about {n} minutes.").format(n=t.wait_minutes)
        counters = self.ctx.text(service.counter_group, service.counter_group_en)
        self.details.setText(f"{service_name} — {counters}\n{ahead}\n{wait}")
        self.hint.setText(self.tr("Please take your ticket from the printer below and wait for your number to be called."))

    def _finish(self) -> None:
        self.ctx.wipe_session()
        self.ctx.home()

