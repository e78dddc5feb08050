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
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct, ValidationError

from devices.audio.settings import VoiceSettings
from devices.idcard.settings import IdCardSettings
from devices.printer.settings import PrinterSettings
from devices.scanner.settings import ScannerSettings
from forms.hours import DEFAULT_HOURS, OpeningHours
from forms.settings import FormsSettings
from forms.workdays import HolidayTable
from kiosk import paths
from kiosk.config_codec import as_document, every_problem, validated
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


# The sections are msgspec Structs, checked by kiosk.config_codec (why, and how a
# __post_init__ check names its key, are said there). Patterns end in \Z, not $: $ also
# matches before a final newline.


class KioskSection(Struct, kw_only=True, forbid_unknown_fields=True):
    id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_.-]{1,64}\Z")] = "kiosk-01"
    centre_name_vi: str = "Trung tâm Phục vụ hành chính công"
    centre_name_en: str = "Public Administrative Service Centre"
    language: Literal["vi", "en"] = "vi"
    idle_timeout_s: Annotated[int, Meta(ge=10, le=3600)] = 60
    # screens where a citizen reads, writes or looks for papers in a bag (forms, papers)
    idle_timeout_long_s: Annotated[int, Meta(ge=120, le=3600)] = 180
    # WCAG 2.2.1: warn and give at least 20 s to ask for more; elderly users need more
    idle_countdown_s: Annotated[int, Meta(ge=30, le=120)] = 30
    hide_cursor: bool = True
    fullscreen: bool = True
    data_dir: Path | None = None
    key_file: Path | None = None

    def resolved_data_dir(self) -> Path:
        return self.data_dir or paths.default_data_dir()

    def resolved_key_file(self) -> Path:
        return self.key_file or paths.default_key_file()


_ICON = Meta(pattern=r"^[a-z0-9_]{0,32}\Z")  # a pictogram of assets/icons
_CODE = Meta(pattern=r"^[a-z0-9_]{1,32}\Z")


class Service(Struct, kw_only=True, forbid_unknown_fields=True):
    """A service area citizens queue for (lĩnh vực at the counter)."""

    code: Annotated[str, Meta(pattern=r"^[A-Z0-9_]{1,16}\Z")]
    prefix: Annotated[str, Meta(pattern=r"^[A-Z]\Z")]
    name_vi: str
    name_en: str
    counter_group: str
    counter_group_en: str = ""  # "Counters 1, 2"; a file without it shows the Vietnamese text
    counters: Annotated[int, Meta(ge=1, le=50)] = 1
    avg_service_min: Annotated[float, Meta(gt=0, le=240)] = 10.0
    icon: Annotated[str, _ICON] = ""

    def __post_init__(self) -> None:
        if not self.counter_group_en:
            self.counter_group_en = self.counter_group


class Priority(Struct, kw_only=True, forbid_unknown_fields=True):
    """A priority category (elderly, pregnant, disabled …), local rules (domain notes §6)."""

    code: Annotated[str, _CODE]
    name_vi: str
    name_en: str
    icon: Annotated[str, _ICON] = ""


class QueueSection(Struct, kw_only=True, forbid_unknown_fields=True):
    timezone: str = "Asia/Ho_Chi_Minh"
    # counters serve citizens in these periods of every working day (forms/hours.py)
    opening_hours: Annotated[list[str], Meta(min_length=1)] = msgspec.field(
        default_factory=lambda: list(DEFAULT_HOURS))
    services: Annotated[list[Service], Meta(min_length=1)]
    priorities: list[Priority] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        try:
            OpeningHours.parse(self.opening_hours, HolidayTable({}))  # names the bad period
        except ValueError as exc:
            raise ValueError(f"opening_hours: {exc}") from None
        for attr in ("code", "prefix"):
            seen = [getattr(s, attr) for s in self.services]
            dupes = sorted({v for v in seen if seen.count(v) > 1})
            if dupes:
                raise ValueError(f"services: duplicate service {attr}: {', '.join(dupes)}")

    def service(self, code: str) -> Service:
        for s in self.services:
            if s.code == code:
                return s
        raise KeyError(code)

    def priority(self, code: str | None) -> Priority | None:
        return next((p for p in self.priorities if p.code == code), None)


def _single_opening_hour(doc: dict[str, Any]) -> None:
    """Files written before opening hours had ``opening_hour = 7`` (the hour only)."""
    queue = doc.get("queue")
    if isinstance(queue, dict) and "opening_hour" in queue:
        hour = queue.pop("opening_hour")
        if isinstance(hour, int) and 0 <= hour < 17:
            queue.setdefault("opening_hours", [f"{hour:02d}:00-17:00"])


class Reason(Struct, kw_only=True, forbid_unknown_fields=True):
    """A reason a citizen can pick for "not satisfied" (no typing needed)."""

    code: Annotated[str, _CODE]
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


class RatingSection(Struct, kw_only=True, forbid_unknown_fields=True):
    reasons: Annotated[list[Reason], Meta(min_length=1)] = msgspec.field(
        default_factory=lambda: list(DEFAULT_REASONS))


class Config(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int = CONFIG_VERSION
    kiosk: KioskSection = msgspec.field(default_factory=KioskSection)
    queue: QueueSection
    rating: RatingSection = msgspec.field(default_factory=RatingSection)
    printer: PrinterSettings = msgspec.field(default_factory=PrinterSettings)
    idcard: IdCardSettings = msgspec.field(default_factory=IdCardSettings)
    scanner: ScannerSettings = msgspec.field(default_factory=ScannerSettings)
    forms: FormsSettings = msgspec.field(default_factory=FormsSettings)
    sync: SyncSettings = msgspec.field(default_factory=SyncSettings)
    technician: TechnicianSettings = msgspec.field(default_factory=TechnicianSettings)
    voice: VoiceSettings = msgspec.field(default_factory=VoiceSettings)

    def opening_hours(self) -> OpeningHours:
        """When the counters serve: the configured periods on the working days of the
        holiday table the forms use."""
        return OpeningHours.parse(self.queue.opening_hours, HolidayTable.load(self.forms.holidays_path))

    def __post_init__(self) -> None:
        if self.version != CONFIG_VERSION:
            raise ValueError(f"version: config version {self.version} is not supported "
                             f"(this kiosk reads {CONFIG_VERSION})")


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


def _from_document(doc: dict[str, Any], source: str) -> Config:
    """The checked configuration of a TOML document (already with environment overrides)."""
    try:
        doc = _upgrade(doc)
    except KeyError as exc:
        raise ConfigError(f"{source}: no upgrade from config version {exc}") from None
    _single_opening_hour(doc)
    try:
        config = validated(Config, doc)
    except ValidationError as exc:
        problems = "\n  ".join(every_problem(Config, exc, doc))
        raise ConfigError(f"{source}: invalid configuration:\n  {problems}") from None
    # The kiosk has one id: [sync] kiosk_id follows [kiosk] id unless the file sets it.
    sync = doc.get("sync")
    if not (isinstance(sync, dict) and "kiosk_id" in sync):
        config.sync.kiosk_id = config.kiosk.id
    elif config.sync.kiosk_id != config.kiosk.id:
        raise ConfigError(f"{source}: invalid configuration:\n  sync.kiosk_id: differs from "
                          f"kiosk.id {config.kiosk.id!r} (given: {config.sync.kiosk_id!r})")
    return config


def parse(text: str, source: str = "<config>", environ: Mapping[str, str] | None = None) -> Config:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    _apply_env(doc, os.environ if environ is None else environ)
    return _from_document(doc, source)


def changed(config: Config, source: str = "<changed>", **sections: Mapping[str, Any]) -> Config:
    """``config`` with some keys of some sections changed, checked as a file would be
    (``changed(cfg, sync={"central_url": url})``); raises ConfigError."""
    doc = as_document(config)
    for name, values in sections.items():
        doc[name].update(values)
    return _from_document(doc, source)


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
