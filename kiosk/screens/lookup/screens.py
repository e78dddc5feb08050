"""Look up a dossier: type the 10 digits of its code and the receipt's 6-digit check code,
see its status in plain words."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.dossier.lookup import DossierLookup
from kiosk.journeys.lookup import LookupJourney, Notice, Step
from kiosk.messages import user_text
from kiosk.screens.base import Screen, action_button, alert_icon, button_row, label, page_layout
from kiosk.screens.identity.keypad import NumericKeypad
from kiosk.screens.lookup.camera import ReceiptCamera, configured_camera
from kiosk.tasks import run_task


class LookupFlow(QObject):
    changed = Signal()

    def __init__(self, ctx, lookup: DossierLookup, camera: ReceiptCamera) -> None:
        super().__init__()
        self.ctx = ctx
        self.lookup = lookup
        self.journey = LookupJourney(ctx.config.sync.agency_id)
        self.camera = camera
        self.camera_off = False          # the camera failed: the citizen is told to type
        self._last_payload = ""          # a receipt left in the tray is looked up once
        camera.payload.connect(self.on_qr)
        camera.unavailable.connect(self._camera_unavailable)
        ctx.on_wipe(self.journey.reset)

    def start(self) -> None:
        self.journey.reset()
        self._last_payload = ""
        self.ctx.go("lookup")
        self.changed.emit()

    def on_qr(self, payload: str) -> None:
        """A QR seen by the tray camera: a receipt fills the code and looks it up."""
        if self.journey.step is not Step.ENTER or payload == self._last_payload:
            return
        self._last_payload = payload
        if self.journey.scanned(payload) and self.journey.complete:
            self.search()
        else:
            self.changed.emit()

    def _camera_unavailable(self) -> None:
        self.camera_off = True
        self.changed.emit()

    def type_digit(self, d: str) -> None:
        self.journey.type_digit(d)
        self.changed.emit()

    def backspace(self) -> None:
        self.journey.backspace()
        self.changed.emit()

    def search(self) -> None:
        self.journey.search()
        code, check = self.journey.code, self.journey.check
        self.ctx.go("lookup_result")
        self.changed.emit()
        run_task(lambda: self.lookup.find(code, check), self._found, self._failed, pool="sync")

    def _found(self, result) -> None:
        if self.journey.step is Step.SEARCHING:
            self.journey.found(result)
            self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        if self.journey.step is Step.SEARCHING:
            self.journey.failed(exc)
            self.changed.emit()

    def again(self) -> None:
        self.journey.again()
        self.ctx.go("lookup")
        self.changed.emit()

    def finish(self) -> None:
        self.ctx.wipe_session()
        self.ctx.home()


class LookupScreen(Screen):
    name = "lookup"

    def __init__(self, ctx, flow: LookupFlow) -> None:
        super().__init__(ctx)
        self.flow = flow
        flow.changed.connect(self.refresh)
        self.title = label(role="title")
        self.hint = label(role="body")
        self.prefix = label(role="hint")
        self.code = label(role="code")
        self.code.setObjectName("lookup_code")
        self.problem = label(role="error")
        self.keypad = NumericKeypad()
        self.keypad.digit.connect(flow.type_digit)
        self.keypad.backspace.connect(flow.backspace)
        self.search_button = action_button("lookup_search", flow.search)
        self.home_button = action_button("lookup_home", flow.finish, role="secondary")
        left = QVBoxLayout()
        left.setSpacing(16)
        for w in (self.title, self.hint, self.prefix, self.code, self.problem):
            left.addWidget(w)
        left.addStretch(1)
        left.addWidget(self.search_button)
        left.addWidget(self.home_button)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(48, 24, 48, 24)
        lay.setSpacing(40)
        lay.addLayout(left, 3)
        lay.addWidget(self.keypad, 2)

    def on_enter(self) -> None:
        self.flow.camera_off = False
        self.flow.camera.start()
        self.refresh()

    def on_leave(self) -> None:
        self.flow.camera.stop()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Look up a dossier"))
        if self.flow.camera.available:
            self.hint.setText(self.tr("Hold your receipt's QR code under the camera, or type the numbers printed on it."))
        else:
            self.hint.setText(self.tr("Type the numbers of the dossier code printed on your receipt, after the agency part, then the 6 digits of its check code."))
        self.search_button.setText(self.tr("Look up"))
        self.home_button.setText(self.tr("Home"))
        self.keypad.retranslate()
        self.refresh()

    def refresh(self) -> None:
        j = self.flow.journey
        self.prefix.setText(f"{j.agency_id} –")
        self.code.setText(j.shown_with_placeholders)
        self.search_button.setEnabled(j.step is Step.ENTER and j.complete)
        if j.wrong_date:
            problem = self.tr("The first six digits are a date (year, month, day). Please check them.")
        elif j.notice is Notice.NOT_A_RECEIPT:
            problem = self.tr("This QR code is not a receipt of this office. Please type the numbers.")
        elif j.notice is Notice.TYPE_CHECK_CODE:
            problem = self.tr("Code read from the QR. Please type the 6-digit check code.")
        elif self.flow.camera_off:
            problem = self.tr("The camera is not working. Please type the numbers.")
        else:
            problem = ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.hint.setVisible(not problem)  # the notice says what to do: room for it at 1280x800


class LookupResultScreen(Screen):
    name = "lookup_result"

    def __init__(self, ctx, flow: LookupFlow) -> None:
        super().__init__(ctx)
        self.flow = flow
        flow.changed.connect(self.refresh)
        self.title = label(role="title")
        self.code = label(role="subtitle")
        self.status = label(role="code")
        self.status.setObjectName("lookup_status")
        self.details = label(role="subtitle")
        self.alert = alert_icon()
        self.error = label(role="error")
        self.error.setObjectName("lookup_error")
        self.again_button = action_button("lookup_again", flow.again, role="secondary")
        self.finish_button = action_button("lookup_finish", flow.finish)
        lay = page_layout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.code)
        lay.addWidget(self.alert, 0, Qt.AlignmentFlag.AlignHCenter)
        for w in (self.status, self.details, self.error):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addLayout(button_row(self.again_button, self.finish_button))

    def on_enter(self) -> None:
        self.refresh()

    def retranslate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        j = self.flow.journey
        found = j.step is Step.FOUND
        problem = j.step in (Step.NOT_FOUND, Step.FAILED)
        self.status.setVisible(found)
        self.details.setVisible(found)
        self.alert.setVisible(problem)
        self.error.setVisible(problem)
        self.again_button.setVisible(found or problem)
        self.finish_button.setVisible(found or problem)
        self.again_button.setText(self.tr("Look up another code"))
        self.finish_button.setText(self.tr("Finish"))
        self.code.setText(j.code if j.digits else "")
        if j.step is Step.SEARCHING:
            self.title.setText(self.tr("Looking up your dossier…"))
        elif found:
            r = j.result
            self.title.setText(self.tr("Status of your dossier"))
            self.status.setText(self.ctx.text(r.status_vi, r.status_en))
            lines = [r.procedure_name] if r.procedure_name else []
            if r.received:
                lines.append(self.tr("Received on {date}").format(date=r.received))
            if r.appointment:
                lines.append(self.tr("Result expected on {date}").format(date=r.appointment))
            self.details.setText("\n".join(lines))
        elif j.step is Step.NOT_FOUND:
            self.title.setText(self.tr("No dossier with this code"))
            self.error.setText(self.tr("Please check the numbers against your receipt, or ask the staff at the counter."))
        elif j.step is Step.FAILED:
            self.title.setText(self.tr("The lookup did not work"))
            self.error.setText(user_text(j.error, self.lang))


def install(ctx, window, lookup: DossierLookup, camera_factory=configured_camera) -> LookupFlow:
    """``camera_factory(ctx)``: the tray camera's frame source factory, or None (keypad only)."""
    flow = LookupFlow(ctx, lookup, ReceiptCamera(ctx, camera_factory(ctx)))
    window.add_screen(LookupScreen(ctx, flow))
    window.add_screen(LookupResultScreen(ctx, flow))
    return flow
