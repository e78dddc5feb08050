"""The kiosk's configuration: one TOML file, environment overrides, validated at start.

Typed and versioned (Picard's habit): a file from an older version is upgraded in memory by
the functions in ``UPGRADES``; a file from a newer kiosk is refused. A bad key or value is
reported with its dotted path and the value given, so a technician can fix it over SSH.

Environment overrides: ``KIOSK__<SECTION>__<KEY>=value`` (e.g. ``KIOSK__KIOSK__LANGUAGE=en``,
``KIOSK__PRINTER__URI=tcp://10.0.0.5:9100``). Values are read as TOML when they parse
(numbers, booleans, quoted strings), otherwise as plain strings.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from devices.audio.settings import VoiceSettings
from devices.idcard.settings import IdCardSettings
from devices.printer.settings import PrinterSettings
from devices.scanner.settings import ScannerSettings
from forms.hours import DEFAULT_HOURS, OpeningHours
from forms.settings import FormsSettings
from forms.workdays import HolidayTable
from kiosk import paths
from kiosk.technician.settings import TechnicianSettings
from sync.settings import SyncSettings

CONFIG_VERSION = 1
ENV_PREFIX = "KIOSK__"

# version N -> function turning a version-N document into version N+1.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key and the value."""

    vi = "Cấu hình máy không hợp lệ. Vui lòng báo cán bộ kỹ thuật."
    en = "The kiosk configuration is invalid. Please call a technician."


class KioskSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(default="kiosk-01", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    centre_name_vi: str = "Trung tâm Phục vụ hành chính công"
    centre_name_en: str = "Public Administrative Service Centre"
    language: Literal["vi", "en"] = "vi"
    idle_timeout_s: int = Field(default=60, ge=10, le=3600)
    # screens where a citizen reads, writes or looks for papers in a bag (forms, papers)
    idle_timeout_long_s: int = Field(default=180, ge=120, le=3600)
    # WCAG 2.2.1: warn and give at least 20 s to ask for more; elderly users need more
    idle_countdown_s: int = Field(default=30, ge=30, le=120)
    hide_cursor: bool = True
    fullscreen: bool = True
    data_dir: Path | None = None
    key_file: Path | None = None

    def resolved_data_dir(self) -> Path:
        return self.data_dir or paths.default_data_dir()

    def resolved_key_file(self) -> Path:
        return self.key_file or paths.default_key_file()


class Service(BaseModel):
    """A service area citizens queue for (lĩnh vực at the counter)."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z0-9_]{1,16}$")
    prefix: str = Field(pattern=r"^[A-Z]$")
    name_vi: str
    name_en: str
    counter_group: str
    counter_group_en: str = ""  # "Counters 1, 2"; a file without it shows the Vietnamese text
    counters: int = Field(default=1, ge=1, le=50)
    avg_service_min: float = Field(default=10.0, gt=0, le=240)
    icon: str = Field(default="", pattern=r"^[a-z0-9_]{0,32}$")  # a pictogram of assets/icons

    @model_validator(mode="after")
    def _counter_group_en(self) -> "Service":
        if not self.counter_group_en:
            self.counter_group_en = self.counter_group
        return self


class Priority(BaseModel):
    """A priority category (elderly, pregnant, disabled …), local rules (domain notes §6)."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    name_vi: str
    name_en: str
    icon: str = Field(default="", pattern=r"^[a-z0-9_]{0,32}$")  # a pictogram of assets/icons


class QueueSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timezone: str = "Asia/Ho_Chi_Minh"
    # counters serve citizens in these periods of every working day (forms/hours.py)
    opening_hours: list[str] = Field(default_factory=lambda: list(DEFAULT_HOURS), min_length=1)
    services: list[Service] = Field(min_length=1)
    priorities: list[Priority] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _single_opening_hour(cls, data: Any) -> Any:
        """Files written before opening hours had ``opening_hour = 7`` (the hour only)."""
        if isinstance(data, dict) and "opening_hour" in data:
            data = dict(data)
            hour = data.pop("opening_hour")
            if isinstance(hour, int) and 0 <= hour < 17:
                data.setdefault("opening_hours", [f"{hour:02d}:00-17:00"])
        return data

    @field_validator("opening_hours")
    @classmethod
    def _periods(cls, periods: list[str]) -> list[str]:
        OpeningHours.parse(periods, HolidayTable({}))  # raises ValueError naming the bad one
        return periods

    @field_validator("services")
    @classmethod
    def _unique_services(cls, services: list[Service]) -> list[Service]:
        for attr in ("code", "prefix"):
            seen = [getattr(s, attr) for s in services]
            dupes = sorted({v for v in seen if seen.count(v) > 1})
            if dupes:
                raise ValueError(f"duplicate service {attr}: {', '.join(dupes)}")
        return services

    def service(self, code: str) -> Service:
        for s in self.services:
            if s.code == code:
                return s
        raise KeyError(code)

    def priority(self, code: str | None) -> Priority | None:
        return next((p for p in self.priorities if p.code == code), None)


class Reason(BaseModel):
    """A reason a citizen can pick for "not satisfied" (no typing needed)."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    name_vi: str
    name_en: str


DEFAULT_REASONS = [
    Reason(code="waiting", name_vi="Phải chờ lâu", name_en="Waited too long"),
    Reason(code="attitude", name_vi="Thái độ phục vụ chưa tốt", name_en="Unfriendly service"),
    Reason(code="guidance", name_vi="Hướng dẫn chưa rõ ràng", name_en="Unclear guidance"),
    Reason(code="papers", name_vi="Phải nộp thêm giấy tờ", name_en="Asked for more papers"),
    Reason(code="kiosk", name_vi="Máy ki-ốt khó sử dụng", name_en="The kiosk is hard to use"),
    Reason(code="other", name_vi="Lý do khác", name_en="Other reason"),
]


class RatingSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reasons: list[Reason] = Field(default_factory=lambda: list(DEFAULT_REASONS), min_length=1)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = CONFIG_VERSION
    kiosk: KioskSection = Field(default_factory=KioskSection)
    queue: QueueSection
    rating: RatingSection = Field(default_factory=RatingSection)
    printer: PrinterSettings = Field(default_factory=PrinterSettings)
    idcard: IdCardSettings = Field(default_factory=IdCardSettings)
    scanner: ScannerSettings = Field(default_factory=ScannerSettings)
    forms: FormsSettings = Field(default_factory=FormsSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    technician: TechnicianSettings = Field(default_factory=TechnicianSettings)
    voice: VoiceSettings = Field(default_factory=VoiceSettings)

    def opening_hours(self) -> OpeningHours:
        """When the counters serve: the configured periods on the working days of the
        holiday table the forms use."""
        return OpeningHours.parse(self.queue.opening_hours, HolidayTable.load(self.forms.holidays_path))

    @model_validator(mode="after")
    def _known_version(self) -> "Config":
        if self.version != CONFIG_VERSION:
            raise ValueError(f"config version {self.version} is not supported (this kiosk reads {CONFIG_VERSION})")
        return self

    @model_validator(mode="after")
    def _one_kiosk_id(self) -> "Config":
        """The kiosk has one id: ``[sync] kiosk_id`` follows ``[kiosk] id`` unless set."""
        if "kiosk_id" not in self.sync.model_fields_set:
            self.sync.kiosk_id = self.kiosk.id
        elif self.sync.kiosk_id != self.kiosk.id:
            raise ValueError(f"sync.kiosk_id {self.sync.kiosk_id!r} differs from kiosk.id {self.kiosk.id!r}")
        return self


EXAMPLE = Path(__file__).with_name("config.example.toml")


def _apply_env(doc: dict[str, Any], environ: Mapping[str, str]) -> None:
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        keys = [k.lower() for k in name[len(ENV_PREFIX):].split("__") if k]
        if not keys:
            continue
        try:
            value: Any = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        node = doc
        for key in keys[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ConfigError(f"environment {name}: {'.'.join(keys)} is not a section")
        node[keys[-1]] = value


def _upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    version = int(doc.get("version", CONFIG_VERSION))
    while version < CONFIG_VERSION:
        doc = UPGRADES[version](doc)
        version += 1
        doc["version"] = version
    return doc


def _describe(exc: ValidationError, doc: Mapping[str, Any]) -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        given = err.get("input")
        shown = "" if isinstance(given, (dict, list)) else f" (given: {given!r})"
        lines.append(f"{loc}: {err['msg']}{shown}")
    return "invalid configuration:\n  " + "\n  ".join(lines)


def parse(text: str, source: str = "<config>", environ: Mapping[str, str] | None = None) -> Config:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    _apply_env(doc, os.environ if environ is None else environ)
    try:
        return Config.model_validate(_upgrade(doc))
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_describe(exc, doc)}") from None
    except KeyError as exc:
        raise ConfigError(f"{source}: no upgrade from config version {exc}") from None


def load(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read the file at ``path`` (default: the user's config, else the bundled example)."""
    if path is None:
        user = paths.default_config_file()
        path = user if user.exists() else EXAMPLE
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"configuration file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration file {path}: {exc}") from None
    return parse(text, str(path), environ)
