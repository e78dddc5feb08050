"""Health checks of every device and service, Qt-free: the panel, ``kiosk diag`` and the
heartbeat all read the same results.

``run_checks(env)`` runs each check on its own thread, bounded in time (≤ 5 s): a device
that hangs is reported as hanging, it never holds the caller.
"""
from kiosk.diagnostics.result import CheckResult, Status
from kiosk.diagnostics.runner import CHECK_NAMES, DiagEnv, run_checks

__all__ = ["CHECK_NAMES", "CheckResult", "DiagEnv", "Status", "run_checks"]
