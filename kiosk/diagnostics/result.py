"""One check's verdict: ok / warning / fault, the reason in plain Vietnamese and English,
and the technical details a technician reads (never a citizen's data)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Status(str, enum.Enum):
    OK = "ok"
    WARNING = "warning"  # works, but someone should look soon (paper near end, old sync)
    FAULT = "fault"  # a citizen would meet a failure


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    vi: str
    en: str
    details: dict[str, Any] = field(default_factory=dict)
    duration_ms: float = 0.0

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    @property
    def faulty(self) -> bool:
        return self.status is Status.FAULT

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status.value, "vi": self.vi, "en": self.en,
                "details": self.details, "duration_ms": round(self.duration_ms, 1)}


def ok(name: str, vi: str, en: str, **details: Any) -> CheckResult:
    return CheckResult(name, Status.OK, vi, en, details)


def warning(name: str, vi: str, en: str, **details: Any) -> CheckResult:
    return CheckResult(name, Status.WARNING, vi, en, details)


def fault(name: str, vi: str, en: str, **details: Any) -> CheckResult:
    return CheckResult(name, Status.FAULT, vi, en, details)


def worst(results) -> Status:
    statuses = {r.status for r in results}
    for status in (Status.FAULT, Status.WARNING):
        if status in statuses:
            return status
    return Status.OK
