"""Run the checks at once, each bounded in time, none able to hold the caller.

A check runs on its own daemon thread: a driver stuck in a blocking read (a printer that
never answers, a camera that never delivers) cannot be interrupted from Python, so the
runner stops *waiting* for it at the deadline, reports it as hanging, and lets the thread
finish or die with the process. A daemon thread never keeps the process alive.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.diagnostics.result import CheckResult, Status, fault

CHECK_NAMES = ("printer", "qr_camera", "scanner", "card_reader", "voice", "central", "store", "software")


@dataclass
class DiagEnv:
    """What the checks look at: the configuration, the store when one is open, and when
    this kiosk process started (``None`` from the CLI)."""

    config: Any
    store: Any = None
    started_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _checks() -> dict[str, Callable[[DiagEnv], CheckResult]]:
    from kiosk.diagnostics import device_checks, service_checks

    return {"printer": device_checks.printer, "qr_camera": device_checks.qr_camera,
            "scanner": device_checks.scanner, "card_reader": device_checks.card_reader,
            "voice": device_checks.voice, "central": service_checks.central, "store": service_checks.store,
            "software": service_checks.software}


# Imported before any clock starts: loading OpenCV or pyscard on a busy machine takes
# seconds that are not the device's fault.
_MODULES = {"printer": ("devices.printer.printer",),
            "qr_camera": ("cv2", "devices.camera.capture", "devices.sim.samples"),
            "scanner": ("devices.scanner.capture", "devices.scanner.detect"),
            "card_reader": ("devices.idcard.pcsc",), "voice": ("devices.audio.tts",), "central": ("requests", "sync.state"),
            "store": ("sync.state",), "software": ("forms.loader",)}


def prepare(names: Iterable[str], env: DiagEnv) -> None:
    """Imports, and the simulated camera's frames rendered once (a demo's set-up, not a
    device answering)."""
    import importlib

    for name in names:
        for module in _MODULES.get(name, ()):
            importlib.import_module(module)
    if "qr_camera" in names:
        from kiosk.diagnostics.device_checks import qr_frames

        try:
            qr_frames(env)
        except Exception:  # noqa: BLE001 - the check itself reports what is wrong
            pass


def run_one(name: str, check: Callable[[DiagEnv], CheckResult], env: DiagEnv,
            timeout_s: float) -> Callable[[], CheckResult]:
    """Start ``check`` now; the returned function waits at most until the deadline."""
    box: dict[str, CheckResult] = {}
    started = time.monotonic()

    def work() -> None:
        try:
            result = check(env)
        except Exception as exc:  # noqa: BLE001 - a crashing check is a finding, not a crash
            result = fault(name, f"Kiểm tra bị lỗi: {type(exc).__name__}",
                           f"The check failed: {type(exc).__name__}", error=str(exc)[:300])
        box["r"] = CheckResult(result.name, result.status, result.vi, result.en, result.details,
                               (time.monotonic() - started) * 1000)

    thread = threading.Thread(target=work, name=f"diag-{name}", daemon=True)
    thread.start()

    def wait() -> CheckResult:
        thread.join(max(0.0, started + timeout_s - time.monotonic()))
        if "r" in box:
            return box["r"]
        return CheckResult(name, Status.FAULT,
                           f"Thiết bị không trả lời sau {timeout_s:g} giây (treo)",
                           f"No answer within {timeout_s:g} s (hanging)",
                           {"timeout_s": timeout_s}, timeout_s * 1000)

    return wait


def run_checks(env: DiagEnv, only: Iterable[str] | None = None,
               timeout_s: float = 5.0) -> list[CheckResult]:
    """Every check (or those in ``only``), in ``CHECK_NAMES`` order, in about ``timeout_s``."""
    checks = _checks()
    names = [n for n in CHECK_NAMES if only is None or n in set(only)]
    prepare(names, env)
    waits = [run_one(n, checks[n], env, timeout_s) for n in names]
    return [wait() for wait in waits]
