"""The dossier is filed: its code in large type, the appointment date, the receipt."""
from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.journeys.submit_dossier import Step
from kiosk.messages import user_text
from kiosk.screens.base import Screen, action_button, alert_icon, button_row, label, page_layout


class DossierDoneScreen(Screen):
    name = "dossier_done"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        flow.changed.connect(self.refresh)
        self.title = label(role="title")
        self.code = label(role="code")
        self.code.setObjectName("dossier_code")
        self.details = label(role="subtitle")
        self.details.setObjectName("dossier_details")
        self.error = label(role="error")
        self.error.setObjectName("dossier_error")
        self.alert = alert_icon()
        self.hint = label(role="body")
        self.retry_button = action_button("dossier_retry", flow.retry)
        self.finish_button = action_button("dossier_finish", flow.finish, role="secondary")
        lay = page_layout(self)
        for w in (self.title, self.code, self.details):
            lay.addWidget(w)
        lay.addWidget(self.alert, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(self.hint)
        lay.addLayout(button_row(self.retry_button, self.finish_button))

    def on_enter(self) -> None:
        self.refresh()

    def retranslate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        j = self.flow.journey
        done, failed = j.step is Step.DONE, j.step is Step.FAILED
        self.code.setVisible(done)
        self.details.setVisible(done)
        self.error.setVisible(failed or (done and not j.filed.receipt_printed))
        self.alert.setVisible(failed)
        self.retry_button.setVisible(failed)
        self.finish_button.setVisible(done or failed)
        self.retry_button.setText(self.tr("Try again"))
        self.finish_button.setText(self.tr("Finish") if done else self.tr("Back to the home screen"))
        if done:
            filed = j.filed
            self.title.setText(self.tr("Your dossier has been received"))
            self.code.setText(filed.code)
            lines = [self.tr("Dossier code (keep it to look up your dossier)"),
                     self.tr("Result expected on {date}").format(date=filed.appointment)]
            if filed.counted_from:  # filed out of hours
                lines.insert(1, self.tr("The counters are closed now: your dossier will be received "
                                        "on the next working day, {date}.").format(date=filed.counted_from))
            self.details.setText("\n".join(lines))
            if filed.receipt_printed:
                self.hint.setText(self.tr("Please take your receipt from the printer below."))
            else:
                self.error.setText(user_text(filed.receipt_error, self.lang) if filed.receipt_error
                                   else self.tr("The receipt could not be printed."))
                self.hint.setText(self.tr("Your dossier is safely recorded. Please show this code at the counter to get your receipt."))
        elif failed:
            self.title.setText(self.tr("Your dossier could not be recorded"))
            self.error.setText(user_text(j.error, self.lang))
            self.hint.setText(self.tr("Nothing you entered is lost while this screen is open. Try again, or ask the staff at the counter."))
        else:
            self.title.setText(self.tr("Recording your dossier…"))
            self.hint.setText(self.tr("Please wait a moment."))
