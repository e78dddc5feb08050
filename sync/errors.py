"""How a sync attempt can fail, split the way the worker must react.

``TransientError``: try again later (network down, timeouts, resets, 5xx, 429, an answer
that is not what the contract says).  ``PermanentError``: the central refused the request
itself (4xx); retrying the same bytes cannot help, an operator must look (``kiosk sync retry``).
Both carry ``vi``/``en`` texts for the screen; ``str()`` is for the log and holds no personal data.
"""
from __future__ import annotations


class SyncError(Exception):
    vi = "Chưa gửi được hồ sơ lên hệ thống một cửa. Hồ sơ vẫn được lưu an toàn trên ki ốt."
    en = "The dossier could not be sent to the central system yet. It is kept safely on the kiosk."

    def __init__(self, message: str, *, status: int | None = None, code: str = "",
                 retry_after: float | None = None, body: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.retry_after = retry_after
        self.body = body or {}


class TransientError(SyncError):
    pass


class Stopping(TransientError):
    """The worker is shutting down mid-delivery: not a failure, the next start resumes."""


class PermanentError(SyncError):
    vi = "Hệ thống một cửa từ chối hồ sơ. Vui lòng báo cán bộ tại quầy."
    en = "The central system refused the dossier. Please tell the officer at the counter."


class NotConfigured(SyncError):
    vi = "Ki ốt chưa được kết nối với hệ thống một cửa. Vui lòng báo cán bộ."
    en = "The kiosk is not connected to the central system. Please tell an officer."
