"""Checks of the services: the central system, the local store, the software itself.

The central is asked ``GET /v1/health`` (no credentials, nothing personal); its ``Date``
header gives the clock skew (RFC 9110 §6.6.1), its certificate the days left. Being offline is
a warning, not a fault: the kiosk keeps serving and queues the dossiers (docs/sync.md).
"""
from __future__ import annotations

import os
import shutil
import socket
import ssl
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from kiosk.diagnostics.result import CheckResult, fault, ok, warning

SKEW_WARN_S = 120  # request signatures carry a timestamp the central checks (docs/sync.md)
CERT_WARN_DAYS = 21
DISK_FAULT_MB, DISK_WARN_MB = 200, 1024
RESTARTS_WARN = 3  # app starts in 24 h beyond which something keeps killing it
PURGE_GRACE_H = 1  # the sync worker purges every pass; an hour covers a restart or an outage


def _sync_facts(env) -> dict:
    if env.store is None:
        return {}
    from sync.state import sync_status

    st = sync_status(env.store, max_items=0)
    return {"queue_depth": st.pending, "parked": st.failed, "delivered": st.delivered,
            "last_sync": st.last_success_at.isoformat(timespec="seconds") if st.last_success_at else None,
            "last_error": (st.last_error or "")[:200]}


def _cert_days_left(url: str, ca_bundle: str, timeout: float) -> int:
    parts = urlsplit(url)
    context = ssl.create_default_context(cafile=ca_bundle or None)
    with socket.create_connection((parts.hostname, parts.port or 443), timeout=timeout) as raw:
        with context.wrap_socket(raw, server_hostname=parts.hostname) as tls:
            not_after = tls.getpeercert()["notAfter"]
    return int((ssl.cert_time_to_seconds(not_after) - time.time()) // 86400)


def central(env) -> CheckResult:
    import requests

    s = env.config.sync
    facts = _sync_facts(env)
    if not s.central_url:
        return warning("central", "Chưa có trung tâm: hồ sơ chờ trên máy",
                       "No central set: dossiers wait here", **facts)
    facts["url"] = s.central_url
    try:
        resp = requests.get(s.central_url.rstrip("/") + "/v1/health", timeout=(2.0, 2.5),
                            verify=s.ca_bundle or True)
    except requests.RequestException as exc:
        return warning("central", "Không kết nối được hệ thống trung tâm; hồ sơ chờ gửi sau",
                       "Central system unreachable; dossiers will be sent later",
                       error=type(exc).__name__, **facts)
    try:
        body = resp.json()
    except ValueError:  # requests' JSONDecodeError is one, and also a RequestException
        body = None
    if resp.status_code != 200 or not isinstance(body, dict) or body.get("ok") is not True:
        return warning("central", "Hệ thống trung tâm trả lời không đúng dạng",
                       "The central system answered something unexpected",
                       http_status=resp.status_code, **facts)
    date = resp.headers.get("Date")
    if date:
        try:
            facts["clock_skew_s"] = round(time.time() - parsedate_to_datetime(date).timestamp())
        except (TypeError, ValueError):
            pass
    if s.central_url.startswith("https://"):
        try:
            facts["cert_days_left"] = _cert_days_left(s.central_url, s.ca_bundle, 2.0)
        except (OSError, ssl.SSLError, KeyError) as exc:
            facts["cert_error"] = type(exc).__name__
    if abs(facts.get("clock_skew_s", 0)) > SKEW_WARN_S:
        return warning("central", "Đồng hồ máy lệch so với hệ thống trung tâm",
                       "The kiosk clock differs from the central system's", **facts)
    if facts.get("cert_days_left", CERT_WARN_DAYS) < CERT_WARN_DAYS:
        return warning("central", "Chứng chỉ bảo mật của hệ thống trung tâm sắp hết hạn",
                       "The central system's certificate expires soon", **facts)
    if facts.get("parked"):
        return warning("central", "Có hồ sơ bị trung tâm từ chối, cần xem lại",
                       "Some dossiers were refused by the central and need a look", **facts)
    return ok("central", "Kết nối hệ thống trung tâm tốt", "Central system reachable", **facts)


def store(env) -> CheckResult:
    kiosk = env.config.kiosk
    data, key = kiosk.resolved_data_dir(), kiosk.resolved_key_file()
    details: dict = {"data_dir": str(data)}
    try:
        free_mb = shutil.disk_usage(data).free // (1 << 20)
    except OSError as exc:
        return fault("store", "Không đọc được thư mục dữ liệu", "The data folder cannot be read",
                     error=f"{type(exc).__name__}", **details)
    details["free_mb"] = free_mb
    try:
        mode = os.stat(key).st_mode & 0o777
        details["key"] = "ok" if mode & 0o077 == 0 else f"mode {mode:o}"
    except OSError:
        details["key"] = "missing"
    if env.store is not None:
        details.update(_database(env))
    if details["key"] == "missing":
        return fault("store", "Thiếu khóa mã hóa dữ liệu", "The data encryption key is missing", **details)
    if details.get("integrity", "ok") != "ok":
        return fault("store", "Cơ sở dữ liệu bị hỏng", "The database is damaged", **details)
    if free_mb < DISK_FAULT_MB:
        return fault("store", "Ổ đĩa gần đầy", "The disk is almost full", **details)
    if details.get("retention_overdue"):
        return warning("store", "Có hồ sơ quá hạn lưu mà dữ liệu cá nhân chưa được xóa",
                       "Some dossiers keep personal data past the retention time (not purged)", **details)
    if free_mb < DISK_WARN_MB or details["key"] != "ok":
        return warning("store", "Ổ đĩa còn ít chỗ hoặc khóa để lộ quyền đọc",
                       "Little disk space left, or the key file is readable by others", **details)
    return ok("store", "Lưu trữ tốt", "Store healthy", **details)


def _database(env) -> dict:
    """The integrity check, the dossiers the central has that still hold personal data
    (waiting for their purge), and those of them past the retention time plus a grace
    hour: the sync worker purges at every pass, so any such dossier means it is not running."""
    from sqlalchemy import func, select, text

    from sync.store.models_dossier import Dossier

    hours = env.config.sync.retention_hours + PURGE_GRACE_H
    cutoff = (datetime.now(timezone.utc) - timedelta(hours=hours)).replace(tzinfo=None)
    acked = select(func.count()).select_from(Dossier).where(Dossier.status == "acked")
    with env.store.session() as s:
        check = s.execute(text("PRAGMA quick_check")).scalar()
        backlog = s.scalar(acked) or 0
        overdue = s.scalar(acked.where(Dossier.acked_at <= cutoff)) or 0
    return {"integrity": check, "retention_backlog": backlog, "retention_overdue": overdue}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("motcua-kiosk")
    except PackageNotFoundError:
        return "dev"


def _catalog_version(env) -> str:
    from forms.loader import load_catalog

    catalog = load_catalog(env.config.forms.catalog_dir)
    versions = sorted({p.version for p in catalog.procedures.values()})
    return f"{len(catalog.procedures)} procedures, v{versions[-1] if versions else '?'}"


def software(env) -> CheckResult:
    details: dict = {"version": _version()}
    try:
        details["catalog"] = _catalog_version(env)
    except Exception as exc:  # noqa: BLE001 - a broken catalog is exactly what to report
        return fault("software", "Danh mục thủ tục không đọc được", "The procedure catalog cannot be read",
                     error=str(exc)[:300], **details)
    with open("/proc/uptime") as f:
        details["system_uptime_h"] = round(float(f.read().split()[0]) / 3600, 1)
    if env.started_at is not None:
        details["app_uptime_min"] = round((datetime.now(timezone.utc) - env.started_at).total_seconds() / 60)
    if env.store is not None:
        from kiosk.technician.audit import starts_since

        starts, unclean = starts_since(env.store)
        details["starts_24h"], details["unclean_exits_24h"] = len(starts), unclean
        if unclean:
            return warning("software", f"Ứng dụng đã dừng bất thường {unclean} lần trong 24 giờ",
                           f"The app stopped abnormally {unclean} time(s) in 24 hours", **details)
        if len(starts) > RESTARTS_WARN:
            return warning("software", f"Ứng dụng đã khởi động lại {len(starts)} lần trong 24 giờ",
                           f"The app restarted {len(starts)} times in 24 hours", **details)
    return ok("software", "Phần mềm chạy bình thường", "Software running normally", **details)
