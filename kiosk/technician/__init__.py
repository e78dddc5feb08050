"""Technician mode, the Qt-free part: the PIN, the lockout, the audit log, the actions.

The screens (``kiosk/screens/technician``) are views over these; ``kiosk config set-pin``
and ``kiosk diag`` use them without Qt.
"""
