"""The last log lines, kept in memory for the technician's "log" page.

Log lines must never carry personal data (docs/architecture.md); as a second guard the
buffer blanks anything that looks like an ID number (9 or 12 digits) before keeping it.
"""
from __future__ import annotations

import collections
import logging
import re

_ID_LIKE = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")


class LogBuffer(logging.Handler):
    def __init__(self, capacity: int = 200) -> None:
        super().__init__(logging.INFO)
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                            "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(_ID_LIKE.sub("…", self.format(record).splitlines()[0])[:300])
        except Exception:  # noqa: BLE001 - logging must never raise into the caller
            self.handleError(record)

    def last(self, n: int = 40) -> list[str]:
        return list(self.lines)[-n:]


_buffer: LogBuffer | None = None


def install() -> LogBuffer:
    """One buffer on the root logger for the whole process."""
    global _buffer
    if _buffer is None:
        _buffer = LogBuffer()
        logging.getLogger().addHandler(_buffer)
    return _buffer
