"""Suite-wide set-up: Qt renders offscreen, before anything imports Qt."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _patient_wait_until():
    """Condition waits get 4x their timeout (KIOSK_TEST_WAIT_FACTOR): a wait ends as soon as
    its condition holds, so this costs nothing when all is well, and a GUI test late in a
    35-minute suite on a loaded 2-core machine is not failed for being slow. Speed is
    measured in bench/, never asserted here."""
    from pytestqt.qtbot import QtBot

    factor = float(os.environ.get("KIOSK_TEST_WAIT_FACTOR", "4"))
    original = QtBot.waitUntil

    def wait_until(self, callback, *, timeout=5000):
        return original(self, callback, timeout=int(timeout * factor))

    QtBot.waitUntil = wait_until


_patient_wait_until()
