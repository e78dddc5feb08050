"""Technician mode: the PIN gate, the session, the checks and tests, the actions.

The screens are views over this object. Every action is written to the audit log (synced
with the heartbeat); every check and test runs on the "diag" pool, bounded in time, so the
panel answers while a device hangs; leaving (button, timeout) always lands on the citizen
home screen.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.diagnostics import DiagEnv, run_checks
from kiosk.diagnostics.readiness import devices_needed
from kiosk.tasks import Cancel, run_task
from kiosk.technician import audit
from kiosk.technician.gate import PinGate

log = logging.getLogger(__name__)
SCREENS = ("tech_pin", "tech_panel", "tech_device")
READINESS_EVERY_MS = 60_000
_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


class TechnicianFlow(QObject):
    results_changed = Signal()
    #: device page name, DeviceTestResult (or an exception)
    test_done = Signal(str, object)
    pin_answered = Signal(object)
    message = Signal(str, str)  # vi, en: an action's answer for the panel

    def __init__(self, ctx, started_at: datetime | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = ctx.config.technician
        self.gate = PinGate(ctx.store, self.settings)
        self.env = DiagEnv(ctx.config, ctx.store, started_at or datetime.now(timezone.utc))
        self.active = False
        self.checking = False
        self.device = "printer"  # the device page being shown
        self.cancel = Cancel()
        self.results: dict = {}
        self._session = QTimer(self, singleShot=True, interval=self.settings.session_timeout_s * 1000)
        self._session.timeout.connect(lambda: self.leave("session timeout"))
        self._readiness = QTimer(self, interval=READINESS_EVERY_MS)
        self._readiness.timeout.connect(self.check_readiness)
        self._readiness_running = False
        self._stopped = False  # the window closed: nothing is checked any more

    # ---- way in -----------------------------------------------------------------
    def open_pin(self) -> None:
        audit.record(self.ctx.store, "gesture")
        self.ctx.go("tech_pin")

    def try_pin(self, pin: str) -> None:
        """Checked off the UI thread (scrypt takes a while on purpose)."""
        run_task(lambda: self.gate.try_pin(pin), self._pin_answer, self._pin_failed, pool="diag")

    def _pin_answer(self, answer) -> None:
        self.pin_answered.emit(answer)
        if answer.ok:
            self.enter()

    def _pin_failed(self, exc: BaseException) -> None:
        log.error("PIN check failed: %s", type(exc).__name__)
        self.pin_answered.emit(exc)

    def enter(self) -> None:
        self.active = True
        self.cancel = Cancel()
        QApplication.instance().installEventFilter(self)
        self._session.start()
        self.ctx.go("tech_panel")
        self.refresh()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if self.active and event.type() in _ACTIVITY:
            self._session.start()  # any touch keeps the session alive
        return False

    def leave(self, why: str = "button") -> None:
        """Back to the citizen home screen, whatever is still running."""
        audit.record(self.ctx.store, "leave", why)
        self.active = False
        self.cancel.cancel()  # answers of running tests are dropped
        self._session.stop()
        QApplication.instance().removeEventFilter(self)
        self.ctx.home()

    # ---- checks -----------------------------------------------------------------
    def refresh(self) -> None:
        if self.checking:
            return
        self.checking = True
        self.results_changed.emit()
        env, timeout = self.env, self.settings.check_timeout_s
        run_task(lambda: run_checks(env, timeout_s=timeout), self._checked, self._check_failed, pool="diag")

    def _checked(self, results) -> None:
        self.checking = False
        self.results = {r.name: r for r in results}
        self.ctx.set_health(results)
        self.results_changed.emit()

    def _check_failed(self, exc: BaseException) -> None:
        self.checking = False
        log.error("checks failed: %s", type(exc).__name__, exc_info=exc)
        self.message.emit("Kiểm tra bị lỗi, hãy thử lại", "The checks failed; try again")
        self.results_changed.emit()

    def stop(self) -> None:
        """The kiosk window closed: no more readiness checks or session timeout."""
        self._stopped = True
        self._readiness.stop()
        self._session.stop()

    def check_readiness(self) -> None:
        """Between citizens: re-check the devices the home tiles need (throttled)."""
        if self._readiness_running or self.active or self._stopped:
            return
        env, timeout = self.env, self.settings.check_timeout_s
        waiting = set(devices_needed())
        self._readiness_running = True

        def finished(name: str) -> None:
            waiting.discard(name)
            self._readiness_running = bool(waiting)

        def done(name: str, results) -> None:
            finished(name)
            self.ctx.set_health(results)

        def failed(name: str, exc: BaseException) -> None:
            finished(name)
            log.error("readiness check of %s failed: %s", name, type(exc).__name__)

        for name in list(waiting):  # one task each: the printer's answer need not wait for a camera
            run_task(lambda n=name: run_checks(env, [n], timeout), lambda r, n=name: done(n, r),
                     lambda e, n=name: failed(n, e), pool="diag")

    def start_readiness(self) -> None:
        """Now, every minute, and each time the home screen comes back (between citizens)."""
        if not self._readiness.isActive():
            self.ctx.navigate.connect(lambda name: name == "home" and self.check_readiness())
            self._readiness.start()
        self.check_readiness()

    # ---- device pages and tests -------------------------------------------------
    def show_device(self, name: str) -> None:
        audit.record(self.ctx.store, "open_page", name)
        self.device = name
        self.ctx.go("tech_device")

    def run_test(self, name: str, fn, cancel: Cancel) -> None:
        """``fn(cancel)`` or ``fn()`` on the diag pool; the answer goes to ``test_done``
        unless ``cancel`` (the page's) was set because the page was left."""
        audit.record(self.ctx.store, f"test_{name}", self.device)
        device = self.device
        run_task(fn, lambda outcome: self._tested(device, name, outcome),
                 lambda exc: self._tested(device, name, exc), pool="diag", cancel=cancel)

    def _tested(self, device: str, name: str, outcome) -> None:
        ok = getattr(outcome, "ok", False)
        audit.record(self.ctx.store, f"result_{name}", "ok" if ok else type(outcome).__name__
                     if isinstance(outcome, BaseException) else "failed")
        self.test_done.emit(device, outcome)

    def record(self, action: str, detail: str = "") -> None:
        audit.record(self.ctx.store, action, detail)

    # ---- actions ------------------------------------------------------------------
    def act(self, action: str) -> None:
        """restart | reboot | poweroff | exit_desktop | self_test"""
        from kiosk.technician import actions

        self.record("action", action)
        say = lambda answer: self.message.emit(answer.vi, answer.en)  # noqa: E731
        if action in ("reboot", "poweroff"):
            run_task(lambda: actions.power(action), say, self._action_failed, pool="diag")
        elif action == "self_test":
            from kiosk.diagnostics.device_tests import self_test_report

            config, results, env = self.ctx.config, list(self.results.values()), self.env
            timeout = self.settings.check_timeout_s
            run_task(lambda: self_test_report(config, results or run_checks(env, timeout_s=timeout)),
                     say, self._action_failed, pool="diag")
        elif action == "exit_desktop" and self.settings.allow_exit_to_desktop:
            QApplication.instance().exit(0)  # exit(): the kiosk window refuses close()
        elif action == "restart":
            self.message.emit("Đang khởi động lại ứng dụng…", "Restarting the app…")
            self.record("app_exit", "restart")  # execv skips aboutToQuit: not a crash
            self.ctx.store.close()
            QTimer.singleShot(300, actions.restart_app)

    def _action_failed(self, exc: BaseException) -> None:
        log.error("technician action failed: %s", type(exc).__name__)
        self.message.emit(f"Không thực hiện được: {type(exc).__name__}", f"Failed: {type(exc).__name__}")
