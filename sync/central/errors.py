"""The one way the central refuses a request: an HTTP status, a stable code and a sentence."""
from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, commit: bool = False,
                 headers: dict[str, str] | None = None, **extra: object) -> None:
        super().__init__(f"{status} {code}: {message}")
        #: keep the transaction's changes although the request is refused (a reset upload)
        self.commit = commit
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        #: response headers the refusal needs (``Allow`` on a 405)
        self.headers = headers or {}

    def body(self) -> dict[str, object]:
        return {"error": self.code, "message": self.message, **self.extra}
